import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/**
 * Runs TypeScript in ONE node process (the tsx loader), not through the tsx launcher, which
 * forks a second process: a SIGKILL must reach the process that does the work.
 */
export const TSX_ARGS = ['--import', 'tsx'];

export interface ChildHub {
  readonly url: string;
  readonly kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** `hub serve` as its own process on 127.0.0.1, so a test can SIGKILL it. */
export async function spawnHub(
  dir: string,
  port: number,
  env: Readonly<Record<string, string>>,
): Promise<ChildHub> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...TSX_ARGS,
      join(ROOT, 'src/hub/cli.ts'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data',
      dir,
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /hub listening on (\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => {
      reject(new Error(`hub exited (${String(code)}): ${stderr}`));
    });
  });
  return {
    url,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
