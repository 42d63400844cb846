import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';

export const ROOT = join(import.meta.dirname, '../../..');

/**
 * A TypeScript module run as its own node process (the tsx loader in the same process),
 * talking JSON lines: each request carries an id and is answered by one line with that id.
 */
export class JsonChild<Line extends { id?: number }> {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (line: Line) => void; reject: (error: Error) => void }
  >();
  private stderr = '';
  readonly exited: Promise<void>;

  constructor(
    script: string,
    schema: z.ZodType<Line>,
    env: Readonly<Record<string, string>> = {},
    nodeArgs: readonly string[] = [],
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(ROOT, script)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => {
        for (const [, w] of this.waiting) w.reject(new Error(`${script} exited: ${this.stderr}`));
        this.waiting.clear();
        resolve();
      });
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success || parsed.data.id === undefined) return;
      const w = this.waiting.get(parsed.data.id);
      this.waiting.delete(parsed.data.id);
      w?.resolve(parsed.data);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request(command: Readonly<Record<string, unknown>>, timeoutMs = 300_000): Promise<Line> {
    const id = this.nextId++;
    return new Promise<Line>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`request ${JSON.stringify(command).slice(0, 80)} timed out`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.stdin?.write(`${JSON.stringify({ ...command, id })}\n`);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
