import { describe, expect, it } from 'vitest';
import { joinBatches } from '../../../../src/engine/sync/join-batches';
import { batch, queue, T0 } from '../fixtures';

const q = (n: number) => ({ entity: 'queue' as const, data: queue(`q${String(n)}`) });
const seqs = (b: { changes: readonly { seq: number }[] }): number[] => b.changes.map((c) => c.seq);

describe('joining live batches that arrived together', () => {
  it('joins contiguous batches into one spanning them all, with the last hub time', () => {
    const { batch: joined, complete } = joinBatches([
      batch(10, [q(1), q(2)], T0),
      batch(12, [q(3)], T0 + 5),
      batch(13, [q(4), q(5)], T0 + 9),
    ]);
    expect(complete).toBe(true);
    expect(joined.after).toBe(10);
    expect(joined.upTo).toBe(15);
    expect(seqs(joined)).toEqual([11, 12, 13, 14, 15]);
    expect(joined.hubTime).toBe(T0 + 9);
  });

  it('skips a batch already covered and keeps only the new part of an overlapping one', () => {
    const { batch: joined, complete } = joinBatches([
      batch(10, [q(1), q(2), q(3)]),
      batch(11, [q(2)]),
      batch(12, [q(3), q(4)]),
    ]);
    expect(complete).toBe(true);
    expect(joined.upTo).toBe(14);
    expect(seqs(joined)).toEqual([11, 12, 13, 14]);
  });

  it('stops at a gap and says the rest must be pulled', () => {
    const { batch: joined, complete } = joinBatches([
      batch(10, [q(1)]),
      batch(12, [q(3)]),
      batch(13, [q(4)]),
    ]);
    expect(complete).toBe(false);
    expect(joined.upTo).toBe(11);
    expect(seqs(joined)).toEqual([11]);
  });
});
