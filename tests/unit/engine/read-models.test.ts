import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBatch, lastSeqOf } from '../../../src/engine/cache/apply-batch';
import { submitAction } from '../../../src/engine/cache/actions';
import { applySnapshotPage, beginSnapshot, finishSnapshot } from '../../../src/engine/cache/snapshot';
import type { CacheDb } from '../../../src/engine/db/handle';
import { getMeta, setMeta } from '../../../src/engine/db/meta';
import { messagesOf } from '../../../src/engine/db/messages';
import { getConfirmedConversation } from '../../../src/engine/db/conversations';
import {
  conversationDetail,
  conversationPage,
  operatorsView,
  queueSummaries,
} from '../../../src/engine/read-models';
import type { EntityRecord } from '../../../src/shared/protocol/changes';
import { CONSOLE_ID, T0, batch, contact, conversation, freshDb, message, operator, queue } from './fixtures';

let db: CacheDb;
const MIN = 60_000;

beforeEach(() => {
  db = freshDb();
  const records: EntityRecord[] = [
    { entity: 'queue', data: queue('q-general', 'General') },
    { entity: 'queue', data: queue('q-welsh', 'Welsh') },
    { entity: 'operator', data: operator('op-a', 'Alice') },
    { entity: 'operator', data: operator('op-b', 'Bob') },
    { entity: 'contact', data: contact('contact-1', 'Jo Public') },
    { entity: 'contact', data: contact('contact-2', 'Rhys') },
    { entity: 'conversation', data: conversation('c-late', { responseDueAt: T0 + 60 * MIN }) },
    {
      entity: 'conversation',
      data: conversation('c-soon', { responseDueAt: T0 + 2 * MIN, assigneeId: 'op-a' }),
    },
    { entity: 'conversation', data: conversation('c-none', { responseDueAt: null, lastInboundAt: T0 + 9 }) },
    {
      entity: 'conversation',
      data: conversation('c-cy', {
        queueId: 'q-welsh',
        language: 'cy',
        contactId: 'contact-2',
        responseDueAt: T0 - MIN,
        priority: 'urgent',
      }),
    },
    { entity: 'conversation', data: conversation('c-done', { status: 'resolved', responseDueAt: null }) },
    { entity: 'message', data: message('m-1', 'c-late', 'Someone smashed my car window on the high street') },
    {
      entity: 'message',
      data: message('m-2', 'c-cy', 'Mae rhywun wedi dwyn fy meic o’r orsaf, diolch yn fawr'),
    },
    { entity: 'message', data: message('m-3', 'c-soon', 'Ŵyn ar y ffordd ger Aberystwyth') },
  ];
  applyBatch(db, batch(0, records), 'op-a');
});
afterEach(() => {
  db.close();
});

const ids = (filter: Parameters<typeof conversationPage>[1]['filter'], sort: 'due' | 'newest' = 'due') =>
  conversationPage(db, { filter, sort, offset: 0, limit: 50, operatorId: 'op-a' }).rows.map(
    (r) => r.conversation.id,
  );

describe('conversation list', () => {
  it('sorts by response due time with nothing owed last', () => {
    expect(ids({})).toEqual(['c-cy', 'c-soon', 'c-late', 'c-done', 'c-none']);
  });

  it('filters by mine, unassigned, queue, language, status and priority', () => {
    expect(ids({ mine: true })).toEqual(['c-soon']);
    expect(ids({ unassigned: true, status: 'open' })).toEqual(['c-cy', 'c-late', 'c-none']);
    expect(ids({ queueId: 'q-welsh' })).toEqual(['c-cy']);
    expect(ids({ language: 'cy' })).toEqual(['c-cy']);
    expect(ids({ status: 'resolved' })).toEqual(['c-done']);
    expect(ids({ priority: 'urgent', platform: 'facebook' })).toEqual(['c-cy']);
  });

  it('searches message bodies with FTS5: prefixes, Welsh without circumflexes, and FTS syntax typed as text', () => {
    expect(ids({ search: 'smash' })).toEqual(['c-late']);
    expect(ids({ search: 'dwyn meic' })).toEqual(['c-cy']);
    expect(ids({ search: 'wyn' })).toEqual(['c-soon']);
    expect(ids({ search: 'car" OR "meic' })).toEqual([]);
    expect(ids({ search: 'NEAR(' })).toEqual([]);
    expect(ids({ search: '  ' })).toHaveLength(5);
  });

  it('finds a reply typed offline by a word in its body', () => {
    submitAction(
      db,
      { type: 'reply', conversationId: 'c-none', body: 'Please contact Action Fraud' },
      {
        consoleId: CONSOLE_ID,
        operatorId: 'op-a',
        hubNow: T0,
      },
    );
    expect(ids({ search: 'fraud' })).toEqual(['c-none']);
  });

  it('pages with a total, labels names and marks pending rows', () => {
    submitAction(
      db,
      { type: 'claim', conversationId: 'c-late' },
      { consoleId: CONSOLE_ID, operatorId: 'op-a', hubNow: T0 },
    );
    const page = conversationPage(db, { filter: {}, sort: 'due', offset: 1, limit: 2, operatorId: 'op-a' });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => [r.conversation.id, r.contactName, r.assigneeName, r.pending])).toEqual([
      ['c-soon', 'Jo Public', 'Alice', false],
      ['c-late', 'Jo Public', 'Alice', true],
    ]);
    expect(ids({}, 'newest')[0]).toBe('c-none');
  });
});

describe('queue rail and detail', () => {
  it('counts open, unassigned and at-risk work per queue in hub time', () => {
    const byId = Object.fromEntries(queueSummaries(db, T0).map((s) => [s.queue.id, s]));
    expect(byId['q-general']).toMatchObject({ open: 3, unassigned: 2, atRisk: 1 });
    expect(byId['q-welsh']).toMatchObject({ open: 1, unassigned: 1, atRisk: 1 });
    const later = Object.fromEntries(queueSummaries(db, T0 + 58 * MIN).map((s) => [s.queue.id, s]));
    expect(later['q-general']?.atRisk).toBe(2);
  });

  it('gives the thread, the contact, earlier conversations and viewers other than me', () => {
    const detail = conversationDetail(db, 'c-late', 'op-a', ['op-a', 'op-b']);
    expect(detail.contact?.displayName).toBe('Jo Public');
    expect(detail.messages.map((m) => m.body)).toEqual(['Someone smashed my car window on the high street']);
    expect(detail.earlier.map((c) => c.id).sort()).toEqual(['c-done', 'c-none', 'c-soon']);
    expect(detail.viewers).toEqual(['Bob']);
    expect(() => conversationDetail(db, 'nope', 'op-a', [])).toThrow(/not in this console's cache/);
  });

  it("shows the operator's own pending status change", () => {
    submitAction(
      db,
      { type: 'set-status', status: 'on-break' },
      { consoleId: CONSOLE_ID, operatorId: 'op-a', hubNow: T0 + 7 },
    );
    const me = operatorsView(db, 'op-a').find((o) => o.id === 'op-a');
    expect(me).toMatchObject({ status: 'on-break', statusSince: T0 + 7 });
  });
});

describe('snapshot', () => {
  it('replaces the cache with what the snapshot holds and keeps pending actions on top', () => {
    submitAction(
      db,
      { type: 'resolve', conversationId: 'c-late' },
      { consoleId: CONSOLE_ID, operatorId: 'op-a', hubNow: T0 },
    );
    beginSnapshot(db);
    applySnapshotPage(
      db,
      [
        { entity: 'queue', data: queue('q-general', 'General') },
        { entity: 'conversation', data: conversation('c-late', { priority: 'high' }) },
      ],
      'op-a',
    );
    applySnapshotPage(
      db,
      [{ entity: 'message', data: message('m-1', 'c-late', 'Someone smashed my car window') }],
      'op-a',
    );
    finishSnapshot(db, 900, 'op-a');
    expect(lastSeqOf(db)).toBe(900);
    expect(ids({})).toEqual(['c-late']);
    expect(
      conversationPage(db, { filter: {}, sort: 'due', offset: 0, limit: 5, operatorId: 'op-a' }).rows[0],
    ).toMatchObject({
      pending: true,
      conversation: { status: 'resolved', priority: 'high' },
    });
    expect(messagesOf(db, 'c-cy')).toEqual([]);
    expect(queueSummaries(db, T0).map((s) => s.queue.id)).toEqual(['q-general']);
    // The pending resolve keeps the snapshot's row beside the view; the conversations the
    // snapshot did not hold had no such copy and went with their view rows.
    expect(db.prepare('SELECT id FROM hub_conversations').pluck().all()).toEqual(['c-late']);
    expect(getConfirmedConversation(db, 'c-late')).toEqual(conversation('c-late', { priority: 'high' }));
  });
});

describe('meta', () => {
  it('reads a damaged value as absent and validates what it writes', () => {
    setMeta(db, 'lastSyncAt', T0);
    expect(getMeta(db, 'lastSyncAt')).toBe(T0);
    db.prepare(`UPDATE meta SET value = '"not a number"' WHERE key = 'lastSyncAt'`).run();
    expect(getMeta(db, 'lastSyncAt')).toBeNull();
    expect(() => {
      setMeta(db, 'consoleId', 'not-a-uuid');
    }).toThrow();
  });
});
