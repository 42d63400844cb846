/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the method of
 * spreadsheet PERCENTILE.INC), so the median of [1, 2, 3, 4] is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0 to 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lo = sorted[lower] ?? 0;
  const hi = sorted[upper] ?? lo;
  return lo + (hi - lo) * (rank - lower);
}

/** The median (50th percentile); null for no values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}
