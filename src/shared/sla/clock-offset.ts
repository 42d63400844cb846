/**
 * One round trip to the hub: local clock when the request left and when the answer came
 * back, and the hub's clock in the answer (e.g. `hubTime` in a sync batch or hello).
 */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  hubTime: number;
}

/** How many recent samples the estimate looks at by default. */
export const DEFAULT_OFFSET_SAMPLES = 8;

/** Hub time now, given the local clock and the measured offset (hub minus local). */
export function hubNow(localNow: number, offsetMs: number): number {
  return localNow + offsetMs;
}

/**
 * NTP-style offset of one sample: the hub stamped its time roughly halfway through the round
 * trip, so offset = hubTime − midpoint(sent, received). Null for an impossible sample
 * (answer before request), which a local clock jump can produce.
 */
export function sampleOffset(sample: ClockSample): number | null {
  if (sample.receivedAt < sample.sentAt) return null;
  return sample.hubTime - (sample.sentAt + sample.receivedAt) / 2;
}

/** Keeps the newest `max` samples: the estimator's memory, as a new array. */
export function addClockSample(
  samples: readonly ClockSample[],
  sample: ClockSample,
  max = DEFAULT_OFFSET_SAMPLES,
): ClockSample[] {
  return [...samples, sample].slice(-max);
}

/**
 * Smoothed clock offset (hub minus local, ms): the median of the per-sample offsets of the
 * newest `max` samples, so one slow round trip or a stray sample does not move the
 * countdown. Rounded to whole ms. Null when there is no usable sample yet.
 */
export function estimateClockOffset(
  samples: readonly ClockSample[],
  max = DEFAULT_OFFSET_SAMPLES,
): number | null {
  const offsets = samples
    .slice(-max)
    .map(sampleOffset)
    .filter((o): o is number => o !== null)
    .sort((a, b) => a - b);
  if (offsets.length === 0) return null;
  const mid = Math.floor(offsets.length / 2);
  const median =
    offsets.length % 2 === 1 ? (offsets[mid] ?? 0) : ((offsets[mid - 1] ?? 0) + (offsets[mid] ?? 0)) / 2;
  return Math.round(median);
}
