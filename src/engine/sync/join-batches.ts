import type { ChangeBatch } from '../../shared/protocol/changes';

/**
 * Live batches in arrival order as one: each one's changes, up to the last one's end.
 * `complete` is false when one started after the others ended (a batch went missing in
 * between): only the contiguous start is joined, and the rest must be pulled.
 */
export function joinBatches(batches: readonly ChangeBatch[]): { batch: ChangeBatch; complete: boolean } {
  const [first, ...rest] = batches;
  if (first === undefined) throw new Error('joinBatches needs at least one batch');
  let joined = first;
  for (const next of rest) {
    if (next.upTo <= joined.upTo) continue;
    if (next.after > joined.upTo) return { batch: joined, complete: false };
    const end = joined.upTo;
    joined = {
      after: joined.after,
      upTo: next.upTo,
      changes: [...joined.changes, ...next.changes.filter((c) => c.seq > end)],
      hubTime: next.hubTime,
    };
  }
  return { batch: joined, complete: true };
}
