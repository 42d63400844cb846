import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheDb } from '../../../../src/engine/db/handle';
import {
  countSetAside,
  getOutbox,
  insertOutbox,
  listOutbox,
  listOutboxFor,
  listOutboxOfTypes,
  onSetAside,
  queuedAfter,
  type SetAsideRow,
} from '../../../../src/engine/db/outbox';
import type { Operation, OperationInput } from '../../../../src/shared/protocol/operations';
import { CONSOLE_ID, freshDb, T0 } from '../fixtures';

const dbs: CacheDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

let seq = 0;
const queue = (db: CacheDb, operatorId: string, input: OperationInput): Operation => {
  seq += 1;
  const op = {
    ...input,
    opId: randomUUID(),
    consoleId: CONSOLE_ID,
    consoleSeq: seq,
    seenSeq: 0,
    createdAt: T0 + seq,
  } as Operation;
  insertOutbox(db, op, operatorId);
  return op;
};

function desk(): { db: CacheDb; ops: Record<string, Operation> } {
  const db = freshDb();
  dbs.push(db);
  const ops = {
    claimA: queue(db, 'ann', { type: 'claim', conversationId: 'conv-a' }),
    busy: queue(db, 'ann', { type: 'set-status', status: 'busy' }),
    noteB: queue(db, 'ann', { type: 'note', conversationId: 'conv-b', body: 'checked the address' }),
    reassign: queue(db, 'ann', { type: 'reassign', conversationIds: ['conv-c'], toOperatorId: 'bob' }),
    available: queue(db, 'ann', { type: 'set-status', status: 'available' }),
    othersClaimA: queue(db, 'bob', { type: 'claim', conversationId: 'conv-a' }),
  };
  return { db, ops };
}

const ids = (rows: readonly { op: Operation }[]): string[] => rows.map((r) => r.op.opId);

describe('reading part of the outbox', () => {
  it('lists only the actions of the given types, in the order they were taken', () => {
    const { db, ops } = desk();
    expect(ids(listOutboxOfTypes(db, 'ann', ['set-status']))).toEqual([ops.busy?.opId, ops.available?.opId]);
    expect(ids(listOutboxOfTypes(db, 'ann', ['note', 'claim']))).toEqual([ops.claimA?.opId, ops.noteB?.opId]);
    expect(listOutboxOfTypes(db, 'ann', ['moderate'])).toEqual([]);
  });

  it("lists the operator's actions naming the conversations, and every reassignment", () => {
    const { db, ops } = desk();
    expect(ids(listOutboxFor(db, 'ann', ['conv-a']))).toEqual([ops.claimA?.opId, ops.reassign?.opId]);
    expect(ids(listOutboxFor(db, 'ann', ['conv-a', 'conv-b']))).toEqual([
      ops.claimA?.opId,
      ops.noteB?.opId,
      ops.reassign?.opId,
    ]);
    expect(ids(listOutboxFor(db, 'bob', ['conv-a']))).toEqual([ops.othersClaimA?.opId]);
  });

  it('misses nothing the whole outbox would give for a conversation', () => {
    const { db } = desk();
    for (const conversationId of ['conv-a', 'conv-b', 'conv-c', 'conv-z']) {
      const naming = (op: Operation): boolean =>
        op.type === 'reassign'
          ? op.conversationIds.includes(conversationId)
          : 'conversationId' in op && op.conversationId === conversationId;
      const expected = ids(listOutbox(db, 'ann').filter((r) => naming(r.op)));
      const got = ids(listOutboxFor(db, 'ann', [conversationId]).filter((r) => naming(r.op)));
      expect(got).toEqual(expected);
    }
  });
});

describe('outbox rows this version cannot read', () => {
  const damage = (db: CacheDb, op: Operation | undefined, payload: string): void => {
    db.prepare('UPDATE outbox SET payload = ? WHERE op_id = ?').run(payload, op?.opId);
  };
  const quarantined = (db: CacheDb): { opId: string; payload: string }[] =>
    db.prepare('SELECT op_id AS opId, payload FROM outbox_quarantine ORDER BY console_seq').all() as {
      opId: string;
      payload: string;
    }[];

  it('are set aside, not thrown on, by every read, and only once', () => {
    const { db, ops } = desk();
    const heard: SetAsideRow[] = [];
    onSetAside(db, (rows) => heard.push(...rows));
    // Not JSON at all: the SQL filters on the payload must not throw on it either.
    damage(db, ops.claimA, '{"type":"claim",');
    damage(db, ops.busy, JSON.stringify({ type: 'set-status', status: 'asleep' }));

    expect(ids(listOutboxFor(db, 'ann', ['conv-a']))).toEqual([ops.reassign?.opId]);
    expect(ids(listOutboxOfTypes(db, 'ann', ['set-status']))).toEqual([ops.available?.opId]);
    expect(heard.map((r) => [r.opId, r.operatorId, r.state])).toEqual([
      [ops.claimA?.opId, 'ann', 'queued'],
      [ops.busy?.opId, 'ann', 'queued'],
    ]);
    expect(heard[0]?.reason).toMatch(/not JSON/);
    expect(heard[1]?.reason).toMatch(/outbox is damaged/);
    expect(quarantined(db)).toEqual([
      { opId: ops.claimA?.opId, payload: '{"type":"claim",' },
      { opId: ops.busy?.opId, payload: JSON.stringify({ type: 'set-status', status: 'asleep' }) },
    ]);
    expect(countSetAside(db, 'ann')).toBe(2);
    expect(countSetAside(db, 'bob')).toBe(0);
    // Gone from the outbox, so later reads neither see nor set them aside again.
    expect(ids(listOutbox(db, 'ann'))).toEqual([ops.noteB?.opId, ops.reassign?.opId, ops.available?.opId]);
    expect(getOutbox(db, ops.claimA?.opId ?? '')).toBeNull();
    expect(heard).toHaveLength(2);
  });

  it('do not hide the good actions after a run of them from the sender', () => {
    const { db, ops } = desk();
    damage(db, ops.claimA, 'x');
    damage(db, ops.busy, 'y');
    damage(db, ops.noteB, 'z');
    // One free slot in the sender's window: it must still get the next good action, not an
    // empty answer that reads as "nothing left to send".
    expect(ids(queuedAfter(db, 'ann', 0, 1))).toEqual([ops.reassign?.opId]);
    expect(quarantined(db).map((r) => r.payload)).toEqual(['x', 'y', 'z']);
  });

  it('stay in the outbox when the transaction that read them is rolled back', () => {
    const { db, ops } = desk();
    damage(db, ops.claimA, 'x');
    expect(() =>
      db.transaction(() => {
        listOutbox(db, 'ann');
        throw new Error('the batch failed');
      })(),
    ).toThrow('the batch failed');
    expect(quarantined(db)).toEqual([]);
    expect(db.prepare('SELECT payload FROM outbox WHERE op_id = ?').pluck().get(ops.claimA?.opId)).toBe('x');
  });
});
