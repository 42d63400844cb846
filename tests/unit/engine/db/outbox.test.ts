import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheDb } from '../../../../src/engine/db/handle';
import { insertOutbox, listOutbox, listOutboxFor, listOutboxOfTypes } from '../../../../src/engine/db/outbox';
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
