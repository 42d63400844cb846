import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workerLineSchema, type WorkerCommandInput, type WorkerLine } from './protocol';

export const ROOT = join(import.meta.dirname, '../../..');

/**
 * TypeScript runs in ONE node process (the tsx loader), not through the tsx launcher, which
 * forks a second process: a SIGKILL must reach the process doing the work.
 */
export const TSX_ARGS = ['--import', 'tsx'];

const exitedPromise = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });

export interface HubProcessOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
}

/** The hub as its own process (`hub serve`) on a fixed port, so it can be killed and restarted in place. */
export class HubProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  stderrTail = '';

  constructor(private readonly options: HubProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${String(this.options.port)}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        ...TSX_ARGS,
        join(ROOT, 'src/hub/cli.ts'),
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        String(this.options.port),
        '--data',
        this.options.dataDir,
      ],
      { cwd: ROOT, env: { ...process.env, ...this.options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.exited = exitedPromise(child);
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onExit = (code: number | null): void => {
        reject(new Error(`hub exited during start (${String(code)}): ${this.stderrTail}`));
      };
      child.once('exit', onExit);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/hub listening on /.test(out)) {
          child.off('exit', onExit);
          resolve();
        }
      });
    });
  }

  /** SIGKILL by default: no chance to flush or close anything. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child?.kill(signal);
    await this.exited;
  }

  /** A clean stop (SIGTERM), falling back to SIGKILL. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.child?.kill('SIGKILL');
    }, 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface WorkerProcessOptions {
  readonly index: number;
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Every event line (submitted, outcome, log) from the worker. */
  readonly onLine: (index: number, line: WorkerLine) => void;
}

type Pending = (line: WorkerLine | Error) => void;

/** One chaos console worker process and its JSON-lines command channel. */
export class WorkerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  stderrTail = '';
  /** The engine's last log lines, for the report when this console misbehaves. */
  readonly logTail: string[] = [];
  starts = 0;

  constructor(private readonly options: WorkerProcessOptions) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...TSX_ARGS, join(ROOT, 'src/tools/chaos/console-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...this.options.env, CHAOS_DATA_DIR: this.options.dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.exited = exitedPromise(child);
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    child.stdin.on('error', () => undefined);
    child.once('exit', () => {
      for (const [, settle] of this.pending)
        settle(new Error(`console ${String(this.options.index)} exited`));
      this.pending.clear();
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onExit = (): void => {
        reject(new Error(`console ${String(this.options.index)} exited during start: ${this.stderrTail}`));
      };
      child.once('exit', onExit);
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return;
        }
        const parsed = workerLineSchema.safeParse(json);
        if (!parsed.success) return;
        const line = parsed.data;
        if (line.kind === 'ready') {
          child.off('exit', onExit);
          resolve();
          return;
        }
        if (line.kind === 'log') {
          this.logTail.push(line.line);
          if (this.logTail.length > 8) this.logTail.shift();
        }
        if ('id' in line) {
          const settle = this.pending.get(line.id);
          this.pending.delete(line.id);
          settle?.(line);
          return;
        }
        this.options.onLine(this.options.index, line);
      });
    });
    await ready;
  }

  /** Sends a command and waits for its answer. */
  request(command: WorkerCommandInput, timeoutMs = 30_000): Promise<WorkerLine> {
    const child = this.child;
    if (child === null || !this.running) return Promise.reject(new Error('console not running'));
    const id = this.nextId++;
    return new Promise<WorkerLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`console ${String(this.options.index)}: ${command.cmd} timed out`));
      }, timeoutMs);
      this.pending.set(id, (line) => {
        clearTimeout(timer);
        if (line instanceof Error) reject(line);
        else if (line.kind === 'failed') reject(new Error(line.error));
        else resolve(line);
      });
      child.stdin?.write(`${JSON.stringify({ ...command, id })}\n`);
    });
  }

  async kill(): Promise<void> {
    if (this.running) this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Asks the engine to close cleanly, then makes sure the process is gone. */
  async close(): Promise<void> {
    if (!this.running) return;
    await this.request({ cmd: 'close' }, 10_000).catch(() => undefined);
    const timer = setTimeout(() => {
      this.child?.kill('SIGKILL');
    }, 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
