/**
 * Smooths the offset between the hub's clock and ours (hub = local + offset). One sample
 * includes a little network delay; averaging keeps SLA countdowns steady while still
 * following a workstation clock that is simply wrong.
 */
export function smoothOffset(previous: number | null, sample: number): number {
  if (previous === null) return sample;
  // A jump of more than a minute is a clock change, not jitter: follow it at once.
  if (Math.abs(sample - previous) > 60_000) return sample;
  return previous * 0.8 + sample * 0.2;
}
