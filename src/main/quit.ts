/** The part of Electron's `app` that quitting needs; the tests stand in for it. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Longest the app waits for the engine before quitting anyway: a stuck close must not hang it. */
export const CLOSE_BEFORE_QUIT_MS = 5000;

/**
 * Holds the app's quit until `close` has finished, then quits again.
 *
 * Durability never depends on this (every acknowledged action is committed when it is
 * acknowledged), but the console engine's close stops its checkpoint worker, folds the
 * write-ahead log into the cache file and runs `optimize`. Called as `void close()` on
 * `will-quit`, the process ended before any of that ran, so the next launch started with
 * the whole log to replay.
 */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void>,
  log: (line: string) => void,
  timeoutMs = CLOSE_BEFORE_QUIT_MS,
): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`[main] the console engine did not close within ${String(timeoutMs)} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    const closed = close().catch((error: unknown) => {
      log(
        `[main] closing the console engine failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    void Promise.race([closed, timedOut]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      app.quit();
    });
  });
}
