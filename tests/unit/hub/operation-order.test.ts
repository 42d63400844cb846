import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { deskPerTest, type RawConsole } from './helpers';

const desk = deskPerTest();
const sideConnections: Database.Database[] = [];
afterEach(() => {
  for (const side of sideConnections.splice(0)) side.close();
});

/** Three status changes from one console, numbered 1 to 3 in the order it took them. */
const threeOps = (c: RawConsole) =>
  (['busy', 'available', 'busy'] as const).map((status, i) => ({
    opId: randomUUID(),
    consoleId: c.consoleId,
    consoleSeq: i + 1,
    seenSeq: c.hello.headSeq,
    createdAt: Date.now(),
    type: 'set-status',
    status,
  }));

/**
 * Makes the hub's own write fail for one operation, as it would on a full disk, through a
 * real trigger on its database. Returns the connection, to drop the trigger and read back.
 */
function failWritesOf(dir: string, opId: string): Database.Database {
  const side = new Database(hubDbPath(dir));
  sideConnections.push(side);
  side.exec(
    `CREATE TRIGGER fail_one BEFORE INSERT ON applied_operations WHEN NEW.op_id = '${opId}'
     BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`,
  );
  return side;
}

const appliedSeqs = (side: Database.Database, consoleId: string): number[] =>
  (
    side
      .prepare('SELECT console_seq FROM applied_operations WHERE console_id = ? ORDER BY rowid')
      .all(consoleId) as { console_seq: number }[]
  ).map((r) => r.console_seq);

const outcomeOf = (answer: unknown): string =>
  (answer as { outcome?: string }).outcome ?? (answer as { error?: string }).error ?? '';

const FIRST_FAILED = [
  expect.stringContaining('could not apply') as unknown,
  expect.stringContaining('earlier action') as unknown,
  expect.stringContaining('earlier action') as unknown,
];

async function failedFirstPass(): Promise<{
  c: RawConsole;
  ops: ReturnType<typeof threeOps>;
  side: Database.Database;
}> {
  const d = await desk.start({ ann: ['operator', []] });
  const c = await desk.open('ann');
  const ops = threeOps(c);
  const side = failWritesOf(d.dir, ops[0]?.opId ?? '');
  const first = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
  expect(first.map(outcomeOf)).toEqual(FIRST_FAILED);
  expect(appliedSeqs(side, c.consoleId)).toEqual([]);
  return { c, ops, side };
}

describe('operations sent several at a time', () => {
  it("turns back a console's later operations after one fails, until it resends from that one", async () => {
    const { c, ops, side } = await failedFirstPass();
    side.exec('DROP TRIGGER fail_one');
    const again = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
    expect(again.map(outcomeOf)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(appliedSeqs(side, c.consoleId)).toEqual([1, 2, 3]);
  });

  it('still turns back the later ones while the resent failed one fails again', async () => {
    const { c, ops, side } = await failedFirstPass();
    const again = await Promise.all(ops.map((op) => c.emitAck('op:submit', op)));
    expect(again.map(outcomeOf)).toEqual(FIRST_FAILED);
    expect(appliedSeqs(side, c.consoleId)).toEqual([]);
  });

  it('applies the later ones once the console gives up on the failed one and sends them again', async () => {
    const { c, ops, side } = await failedFirstPass();
    // The console rolled the first back after repeated failures: its next pass starts later.
    const next = await Promise.all(ops.slice(1).map((op) => c.emitAck('op:submit', op)));
    expect(next.map(outcomeOf)).toEqual(['accepted', 'accepted']);
    expect(appliedSeqs(side, c.consoleId)).toEqual([2, 3]);
  });
});
