import { createConsoleEngine, type ConsoleEngine, type HubUrlPolicy } from '../engine/engine';
import { createHandlerTable } from '../engine/handlers';
import type { EventName, EventPayload } from '../shared/ipc/events';
import { startBrowserShell, type BrowserShell } from './server';

export interface ConsoleShellOptions {
  /** Where this console keeps its cache and outbox. */
  readonly dataDir: string;
  readonly rendererDir: string;
  readonly port?: number;
  readonly hubUrlPolicy?: HubUrlPolicy;
  readonly extraCaFile?: string | null;
  readonly version?: string;
  readonly log?: (line: string) => void;
}

export interface ConsoleShell {
  readonly shell: BrowserShell;
  readonly engine: ConsoleEngine;
  close(): Promise<void>;
}

/**
 * The console as the browser shell runs it: the real engine and the real handler table,
 * with engine events forwarded over the loopback bridge.
 */
export async function startConsoleShell(options: ConsoleShellOptions): Promise<ConsoleShell> {
  let shell: BrowserShell | null = null;
  // Events raised before the shell is listening have no page to go to; the page asks for
  // current state when it loads.
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    shell?.emit(event, payload);
  };
  const engine = createConsoleEngine({
    dataDir: options.dataDir,
    emit,
    ...(options.hubUrlPolicy ? { hubUrlPolicy: options.hubUrlPolicy } : {}),
    extraCaFile: options.extraCaFile ?? null,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    shell = await startBrowserShell({
      rendererDir: options.rendererDir,
      port: options.port ?? 0,
      handlers: createHandlerTable({
        engine,
        info: {
          name: 'Social Desk',
          version: options.version ?? '0.0.0',
          build: 'browser shell',
          shell: 'browser',
          platform: process.platform,
        },
        now: () => Date.now(),
      }),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  const running = shell;
  return {
    shell: running,
    engine,
    async close() {
      await running.close();
      await engine.close();
    },
  };
}
