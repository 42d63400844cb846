/** Exponential backoff with jitter, capped, for resending actions after a failure. */
export function backoffDelay(
  attempt: number,
  baseMs = 500,
  maxMs = 15_000,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 20)));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
