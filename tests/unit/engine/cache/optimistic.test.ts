import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBatch, lastSeqOf } from '../../../../src/engine/cache/apply-batch';
import { resetCache, settleAcks, submitAction } from '../../../../src/engine/cache/actions';
import {
  getConfirmedConversation,
  getViewConversation,
  listViewConversations,
} from '../../../../src/engine/db/conversations';
import type { CacheDb } from '../../../../src/engine/db/handle';
import { messagesOf } from '../../../../src/engine/db/messages';
import { countQueued, listOutbox } from '../../../../src/engine/db/outbox';
import { applySnapshotPage, beginSnapshot, finishSnapshot } from '../../../../src/engine/cache/snapshot';
import { recordTempFilesAt } from '../../../support/sqlite-temp-files';
import { CONSOLE_ID, T0, batch, conversation, freshDb, message, seedRecords } from '../fixtures';

let db: CacheDb;
const ctx = { consoleId: CONSOLE_ID, operatorId: 'op-a', hubNow: T0 + 1000 };

beforeEach(() => {
  db = freshDb();
  const outcome = applyBatch(db, batch(0, seedRecords()), 'op-a');
  expect(outcome.kind).toBe('applied');
});
afterEach(() => {
  db.close();
});

const view = (id = 'c-1') => getViewConversation(db, id);

describe('submitting an action', () => {
  it('writes the optimistic effect and the outbox row together, with increasing consoleSeq and seenSeq = lastSeq', () => {
    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const resolve = submitAction(db, { type: 'resolve', conversationId: 'c-1' }, ctx);
    expect(claim.consoleSeq).toBe(1);
    expect(resolve.consoleSeq).toBe(2);
    expect(claim.seenSeq).toBe(lastSeqOf(db));
    expect(claim.consoleId).toBe(CONSOLE_ID);
    expect(view()?.conversation).toMatchObject({ assigneeId: 'op-a', status: 'resolved' });
    expect(view()?.pending).toBe(true);
    // The confirmed row is untouched: only the view carries the forecast.
    expect(getConfirmedConversation(db, 'c-1')).toMatchObject({ assigneeId: null, status: 'open' });
    expect(listOutbox(db).map((r) => r.op.opId)).toEqual([claim.opId, resolve.opId]);
    expect(countQueued(db, 'op-a')).toBe(2);
  });

  it('keeps consoleSeq increasing even after the outbox empties', () => {
    const first = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    settleAcks(db, [{ opId: first.opId, outcome: 'accepted', seq: null, hubTime: T0 }], 'op-a');
    expect(listOutbox(db)).toHaveLength(0);
    const second = submitAction(db, { type: 'release', conversationId: 'c-1' }, ctx);
    expect(second.consoleSeq).toBe(2);
  });

  it('shows a reply at once under its opId, and the hub copy replaces it in place', () => {
    const reply = submitAction(db, { type: 'reply', conversationId: 'c-1', body: 'Please call 101' }, ctx);
    const pending = messagesOf(db, 'c-1');
    expect(pending.map((m) => [m.message.id, m.pending])).toEqual([
      ['m-1', false],
      [reply.opId, true],
    ]);
    const hubCopy = message(reply.opId, 'c-1', 'Please call 101', {
      direction: 'outbound',
      authorId: 'op-a',
      platformMessageId: null,
      createdAt: T0 + 1500,
    });
    applyBatch(
      db,
      batch(lastSeqOf(db), [
        { entity: 'message', data: hubCopy },
        {
          entity: 'conversation',
          data: conversation('c-1', { assigneeId: 'op-a', lastResponseAt: T0 + 1500 }),
        },
      ]),
      'op-a',
    );
    const after = messagesOf(db, 'c-1');
    expect(after).toHaveLength(2);
    expect(after[1]).toEqual({ message: hubCopy, pending: false });
  });
});

describe('rollback and live changes', () => {
  it('a rejection removes exactly the rejected effect and keeps the others', () => {
    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const note = submitAction(db, { type: 'note', conversationId: 'c-1', body: 'checked PNC' }, ctx);
    const [outcome] = settleAcks(
      db,
      [
        {
          opId: claim.opId,
          outcome: 'rejected',
          code: 'conflict',
          reason: 'Already claimed by Bob.',
          hubTime: T0,
        },
      ],
      'op-a',
    );
    expect(outcome?.kind).toBe('rejected');
    expect(view()?.conversation.assigneeId).toBeNull();
    expect(messagesOf(db, 'c-1').map((m) => m.message.id)).toEqual(['m-1', note.opId]);
    expect(listOutbox(db).map((r) => r.op.opId)).toEqual([note.opId]);
  });

  it("a rejected note's optimistic message goes and another pending note's stays", () => {
    const first = submitAction(db, { type: 'note', conversationId: 'c-1', body: 'first' }, ctx);
    const second = submitAction(db, { type: 'note', conversationId: 'c-1', body: 'second' }, ctx);
    expect(messagesOf(db, 'c-1').map((m) => m.message.id)).toEqual(['m-1', first.opId, second.opId]);
    settleAcks(
      db,
      [{ opId: first.opId, outcome: 'rejected', code: 'invalid', reason: 'No.', hubTime: T0 }],
      'op-a',
    );
    expect(messagesOf(db, 'c-1').map((m) => [m.message.id, m.pending])).toEqual([
      ['m-1', false],
      [second.opId, true],
    ]);
  });

  it('a change from another console does not erase a pending local effect', () => {
    submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    applyBatch(
      db,
      batch(lastSeqOf(db), [
        { entity: 'conversation', data: conversation('c-1', { priority: 'urgent', updatedAt: T0 + 5 }) },
      ]),
      'op-a',
    );
    expect(view()?.conversation).toMatchObject({ priority: 'urgent', assigneeId: 'op-a' });
    expect(view()?.pending).toBe(true);
  });

  it('an accepted action stays applied until the confirmed cache reaches its sequence, then leaves the outbox', () => {
    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const seq = lastSeqOf(db);
    const [outcome] = settleAcks(
      db,
      [{ opId: claim.opId, outcome: 'accepted', seq: seq + 1, hubTime: T0 }],
      'op-a',
    );
    expect(outcome).toMatchObject({ kind: 'accepted', settled: false });
    expect(view()?.conversation.assigneeId).toBe('op-a');
    expect(countQueued(db, 'op-a')).toBe(0);
    expect(listOutbox(db)).toHaveLength(1);
    const applied = applyBatch(
      db,
      batch(seq, [{ entity: 'conversation', data: conversation('c-1', { assigneeId: 'op-a' }) }]),
      'op-a',
    );
    expect(applied.kind === 'applied' && applied.settled.map((r) => r.op.opId)).toEqual([claim.opId]);
    expect(listOutbox(db)).toHaveLength(0);
    expect(view()).toMatchObject({ pending: false, conversation: { assigneeId: 'op-a' } });
  });

  it('a snapshot that already holds an accepted action settles it, with no batch after it', () => {
    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const seq = lastSeqOf(db);
    settleAcks(db, [{ opId: claim.opId, outcome: 'accepted', seq: seq + 1, hubTime: T0 }], 'op-a');
    beginSnapshot(db);
    applySnapshotPage(
      db,
      [...seedRecords(), { entity: 'conversation', data: conversation('c-1', { assigneeId: 'op-a' }) }],
      'op-a',
    );
    const { settled } = finishSnapshot(db, seq + 1, 'op-a');
    expect(listOutbox(db)).toHaveLength(0);
    expect(settled.map((r) => r.op.opId)).toEqual([claim.opId]);
    expect(view()).toMatchObject({ pending: false, conversation: { assigneeId: 'op-a' } });
    expect(getConfirmedConversation(db, 'c-1')).toMatchObject({ assigneeId: 'op-a' });
  });

  it('an ack for an unknown opId changes nothing', () => {
    submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const [outcome] = settleAcks(
      db,
      [
        {
          opId: '00000000-0000-4000-8000-000000000000',
          outcome: 'rejected',
          code: 'invalid',
          reason: 'x',
          hubTime: T0,
        },
      ],
      'op-a',
    );
    expect(outcome?.kind).toBe('unknown');
    expect(view()?.conversation.assigneeId).toBe('op-a');
  });

  it('resetting the cache keeps the outbox and re-applies it when the conversation returns', () => {
    submitAction(db, { type: 'resolve', conversationId: 'c-1' }, ctx);
    resetCache(db);
    expect(view()).toBeNull();
    expect(listOutbox(db)).toHaveLength(1);
    applyBatch(db, batch(0, seedRecords()), 'op-a');
    expect(view()?.conversation.status).toBe('resolved');
  });

  it('empties a large cache with the undo copies on disk, not in memory', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      message(`bulk-${String(i)}`, 'c-1', `report ${String(i)} ${'of a stolen bike '.repeat(20)}`),
    );
    applyBatch(
      db,
      batch(
        lastSeqOf(db),
        many.map((data) => ({ entity: 'message', data })),
      ),
      'op-a',
    );
    const seen = recordTempFilesAt(db, "AFTER DELETE ON messages WHEN old.id = 'bulk-399'");
    resetCache(db);
    // Every message goes through the search index's trigger, one row at a time: kept in
    // memory, the old pages of a cache of a million messages would take hundreds of MB.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    // Switching dropped SQLite's temp schema, where search keeps its helpers: they come back.
    applyBatch(db, batch(0, seedRecords()), 'op-a');
    expect(
      listViewConversations(db, {
        filter: { search: 'stole' },
        sort: 'due',
        offset: 0,
        limit: 10,
        operatorId: null,
      }).rows.map((r) => r.conversation.id),
    ).toEqual(['c-1']);
  });
});

describe('the confirmed copy kept beside the view', () => {
  const copies = (): string[] => db.prepare('SELECT id FROM hub_conversations').pluck().all() as string[];

  it('exists only while actions are pending, and always holds what the hub confirmed', () => {
    // Nothing pending: the view row is the confirmed row.
    expect(copies()).toEqual([]);
    expect(getConfirmedConversation(db, 'c-1')).toEqual(view()?.conversation);

    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    expect(copies()).toEqual(['c-1']);
    expect(getConfirmedConversation(db, 'c-1')).toMatchObject({ assigneeId: null });
    // A change confirmed meanwhile lands in the copy, and the pending claim stays on top.
    applyBatch(
      db,
      batch(lastSeqOf(db), [{ entity: 'conversation', data: conversation('c-1', { priority: 'high' }) }]),
      'op-a',
    );
    expect(getConfirmedConversation(db, 'c-1')).toMatchObject({ assigneeId: null, priority: 'high' });
    expect(view()?.conversation).toMatchObject({ assigneeId: 'op-a', priority: 'high' });

    settleAcks(
      db,
      [{ opId: claim.opId, outcome: 'rejected', code: 'conflict', reason: 'Taken.', hubTime: T0 }],
      'op-a',
    );
    expect(copies()).toEqual([]);
    expect(view()).toMatchObject({ pending: false, conversation: { assigneeId: null, priority: 'high' } });
    expect(getConfirmedConversation(db, 'c-1')).toEqual(view()?.conversation);
  });

  it('goes once an accepted action is confirmed', () => {
    const claim = submitAction(db, { type: 'claim', conversationId: 'c-1' }, ctx);
    const seq = lastSeqOf(db);
    settleAcks(db, [{ opId: claim.opId, outcome: 'accepted', seq: seq + 1, hubTime: T0 }], 'op-a');
    expect(copies()).toEqual(['c-1']);
    applyBatch(
      db,
      batch(seq, [{ entity: 'conversation', data: conversation('c-1', { assigneeId: 'op-a' }) }]),
      'op-a',
    );
    expect(copies()).toEqual([]);
    expect(getConfirmedConversation(db, 'c-1')).toMatchObject({ assigneeId: 'op-a' });
  });

  it('is not made for an action that leaves the conversation as it is', () => {
    // Opening a confidential conversation is audited through the outbox but changes nothing.
    submitAction(db, { type: 'open', conversationId: 'c-1' }, ctx);
    expect(listOutbox(db)).toHaveLength(1);
    expect(copies()).toEqual([]);
    expect(getConfirmedConversation(db, 'c-1')).toEqual(view()?.conversation);
  });

  it('a new conversation from the hub is stored once, as its view row', () => {
    applyBatch(db, batch(lastSeqOf(db), [{ entity: 'conversation', data: conversation('c-9') }]), 'op-a');
    expect(getViewConversation(db, 'c-9')?.conversation).toEqual(conversation('c-9'));
    expect(getConfirmedConversation(db, 'c-9')).toEqual(conversation('c-9'));
    expect(copies()).toEqual([]);
  });
});

describe('batch ordering', () => {
  it('ignores a batch it already has and refuses one that leaves a gap, changing nothing', () => {
    const seq = lastSeqOf(db);
    const stale = applyBatch(db, batch(0, seedRecords()), 'op-a');
    expect(stale.kind).toBe('stale');
    const gap = applyBatch(
      db,
      batch(seq + 3, [{ entity: 'conversation', data: conversation('c-1', { status: 'resolved' }) }]),
      'op-a',
    );
    expect(gap.kind).toBe('gap');
    expect(lastSeqOf(db)).toBe(seq);
    expect(view()?.conversation.status).toBe('open');
  });

  it('applies only the part of an overlapping batch it has not seen', () => {
    const seq = lastSeqOf(db);
    const overlapping = batch(seq - 1, [
      { entity: 'conversation', data: conversation('c-1', { status: 'resolved' }) },
      { entity: 'conversation', data: conversation('c-1', { priority: 'high' }) },
    ]);
    const outcome = applyBatch(db, overlapping, 'op-a');
    expect(outcome.kind).toBe('applied');
    expect(lastSeqOf(db)).toBe(seq + 1);
    expect(view()?.conversation).toMatchObject({ status: 'open', priority: 'high' });
  });

  it('rejects the whole batch if any record fails to store (one transaction)', () => {
    const seq = lastSeqOf(db);
    db.exec(
      `CREATE TRIGGER fail_c2 BEFORE INSERT ON conversations WHEN new.id = 'c-2' BEGIN SELECT RAISE(ABORT, 'disk'); END`,
    );
    expect(() =>
      applyBatch(
        db,
        batch(seq, [
          { entity: 'conversation', data: conversation('c-1', { status: 'resolved' }) },
          { entity: 'conversation', data: conversation('c-2') },
        ]),
        'op-a',
      ),
    ).toThrow(/disk/);
    expect(lastSeqOf(db)).toBe(seq);
    expect(view()?.conversation.status).toBe('open');
  });
});
