import { HubProcess } from '../../src/tools/chaos/processes';

/** The repository root, and the node arguments that run TypeScript in one process. */
export { ROOT, TSX_ARGS } from '../../src/tools/chaos/processes';

export interface ChildHub {
  readonly url: string;
  readonly kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** `hub serve` as its own process on 127.0.0.1 (the chaos run's own), so a test can SIGKILL it. */
export async function spawnHub(
  dir: string,
  port: number,
  env: Readonly<Record<string, string>>,
): Promise<ChildHub> {
  const hub = new HubProcess({ dataDir: dir, port, env });
  await hub.start();
  return {
    url: hub.url,
    kill: (signal) => hub.kill(signal),
  };
}
