import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { deskPerTest } from './helpers';

const desk = deskPerTest();

const outcomeOf = (answer: unknown): string =>
  (answer as { outcome?: string }).outcome ?? (answer as { error?: string }).error ?? '';

describe("a console's next pass after one of its operations failed", () => {
  it('still turns back the later ones while the resent failed one fails again', async () => {
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
    const side = new Database(hubDbPath(d.dir));
    side.exec(
      `CREATE TRIGGER fail_first BEFORE INSERT ON applied_operations WHEN NEW.op_id = '${ops[0]?.opId ?? ''}'
       BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`,
    );
    const applied = (): number[] =>
      (
        side
          .prepare('SELECT console_seq FROM applied_operations WHERE console_id = ? ORDER BY rowid')
          .all(c.consoleId) as { console_seq: number }[]
      ).map((r) => r.console_seq);

    for (let pass = 0; pass < 2; pass += 1) {
      const answers = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
      expect(answers.map(outcomeOf)).toEqual([
        expect.stringContaining('could not apply'),
        expect.stringContaining('earlier action'),
        expect.stringContaining('earlier action'),
      ]);
    }
    expect(applied()).toEqual([]);
    side.close();
  });

  it('applies the later ones once the console gives up on the failed one and sends them again', async () => {
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
    const side = new Database(hubDbPath(d.dir));
    side.exec(
      `CREATE TRIGGER fail_first BEFORE INSERT ON applied_operations WHEN NEW.op_id = '${ops[0]?.opId ?? ''}'
       BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`,
    );
    const first = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
    expect(first.map(outcomeOf)).toEqual([
      expect.stringContaining('could not apply'),
      expect.stringContaining('earlier action'),
      expect.stringContaining('earlier action'),
    ]);

    // The console rolled the first back after repeated failures: its next pass starts later.
    const next = await Promise.all(ops.slice(1).map((op) => c.emitAck('op:submit', op)));
    expect(next.map(outcomeOf)).toEqual(['accepted', 'accepted']);
    expect(
      (
        side
          .prepare('SELECT console_seq FROM applied_operations WHERE console_id = ? ORDER BY rowid')
          .all(c.consoleId) as { console_seq: number }[]
      ).map((r) => r.console_seq),
    ).toEqual([2, 3]);
    side.close();
  });
});
