const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
] as const;

const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Reads a policy duration such as `"2m"`, `"4h"`, `"1h30m"` or `"3d"` into milliseconds.
 * Returns null for anything else (including the empty string) so callers can word the error.
 */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text.trim());
  if (match === null || text.trim() === '') return null;
  let total = 0;
  UNITS.forEach(([, unitMs], index) => {
    const part = match[index + 1];
    if (part !== undefined) total += Number(part) * unitMs;
  });
  return total;
}

/** Writes milliseconds back in the policy file's form, e.g. `5400000` → `"1h30m"`. Sub-second parts are dropped. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000)) * 1000;
  let text = '';
  for (const [unit, unitMs] of UNITS) {
    const count = Math.floor(rest / unitMs);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * unitMs;
    }
  }
  return text === '' ? '0s' : text;
}
