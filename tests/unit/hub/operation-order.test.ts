import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { deskPerTest } from './helpers';

const desk = deskPerTest();

describe('operations sent several at a time', () => {
  it("turns back a console's later operations after one fails, until it resends from that one", async () => {
    const d = await desk.start({ ann: ['operator', []] });
    const c = await desk.open('ann');
    const ops = (['busy', 'available', 'busy'] as const).map((status, i) => ({
      opId: randomUUID(),
      consoleId: c.consoleId,
      consoleSeq: i + 1,
      seenSeq: c.hello.headSeq,
      createdAt: Date.now(),
      type: 'set-status',
      status,
    }));
    // The hub's own write fails for the first operation, as it would on a full disk.
    const side = new Database(hubDbPath(d.dir));
    side.exec(
      `CREATE TRIGGER fail_first BEFORE INSERT ON applied_operations WHEN NEW.op_id = '${ops[0]?.opId ?? ''}'
       BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`,
    );

    const first = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
    expect(first[0]).toEqual({ error: expect.stringContaining('could not apply') as unknown });
    expect(first[1]).toEqual({ error: expect.stringContaining('earlier action') as unknown });
    expect(first[2]).toEqual({ error: expect.stringContaining('earlier action') as unknown });
    const applied = (): number[] =>
      (
        side
          .prepare('SELECT console_seq FROM applied_operations WHERE console_id = ? ORDER BY rowid')
          .all(c.consoleId) as { console_seq: number }[]
      ).map((r) => r.console_seq);
    expect(applied()).toEqual([]);

    side.exec('DROP TRIGGER fail_first');
    const again = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
    expect(again.map((a) => (a as { outcome?: string }).outcome)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(applied()).toEqual([1, 2, 3]);
    side.close();
  });
});
