/** Shared by vitest and Playwright: imports neither. */

export type Falsy = undefined | null | false;

export interface WaitOptions {
  /** Named in the timeout error: `timed out waiting for <what>`. */
  readonly what?: string | (() => string);
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Polls `probe` (sync or async) until it gives something truthy, and returns that. */
export async function waitFor<T>(
  probe: () => T | Falsy | Promise<T | Falsy>,
  { what = 'condition', timeoutMs = 5000, intervalMs = 10 }: WaitOptions = {},
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(intervalMs);
  }
}
