import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listViewConversations,
  putViewConversation,
  SEARCH_HIT_LIMIT,
  type ListQuery,
} from '../../../../src/engine/db/conversations';
import type { CacheDb } from '../../../../src/engine/db/handle';
import { ftsQuery, MAX_PREFIX_TERMS } from '../../../../src/engine/db/message-search';
import { putConfirmedMessages } from '../../../../src/engine/db/messages';
import { T0, conversation, freshDb, message } from '../fixtures';

let db: CacheDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => {
  db.close();
});

const MIN = 60_000;
const search = (text: string, over: Partial<ListQuery> = {}) =>
  listViewConversations(db, {
    filter: { search: text },
    sort: 'due',
    offset: 0,
    limit: 50,
    operatorId: null,
    ...over,
  });
const ids = (text: string, over: Partial<ListQuery> = {}) =>
  search(text, over).rows.map((r) => r.conversation.id);

describe('message search', () => {
  it('matches every typed word as a prefix, folding case and Welsh circumflexes either way', () => {
    putViewConversation(db, conversation('c-cy'), false);
    putViewConversation(db, conversation('c-en'), false);
    putConfirmedMessages(db, [message('m-1', 'c-cy', 'Ŵyn ar y ffordd ger Aberystwyth')]);
    putConfirmedMessages(db, [message('m-2', 'c-en', 'Someone SMASHED my car window, wyn')]);
    expect(ids('smash WIN')).toEqual(['c-en']);
    expect(ids('ŵyn')).toEqual(['c-cy', 'c-en']);
    expect(ids('WYN ffor')).toEqual(['c-cy']);
    expect(ids('aberystwyth smashed')).toEqual([]);
    expect(ids('zebra')).toEqual([]);
  });

  it('reads a prefix as the indexed words it starts, with the same matches', () => {
    putViewConversation(db, conversation('c-1'), false);
    putConfirmedMessages(db, [message('m-1', 'c-1', 'stolen stole stolid')]);
    expect(ftsQuery(db, 'Stol')).toBe('("stole" OR "stolen" OR "stolid")');
    expect(ftsQuery(db, 'car" OR "meic')).toBe('"car"* AND "meic"* AND "or"*');
    expect(ftsQuery(db, ' ( ) ')).toBeNull();
  });

  it('still finds every word when a prefix starts more words than it expands', () => {
    const count = MAX_PREFIX_TERMS + 3;
    for (let i = 0; i < count; i += 1) {
      putViewConversation(db, conversation(`c-${String(i)}`), false);
      putConfirmedMessages(db, [
        message(`m-${String(i)}`, `c-${String(i)}`, `ref zed${String(i).padStart(3, '0')}`),
      ]);
    }
    expect(ftsQuery(db, 'zed')).toBe('"zed"*');
    expect(search('zed').total).toBe(count);
    expect(search('zed00 ref').total).toBe(10);
  });

  it('counts only the newest SEARCH_HIT_LIMIT matching messages', () => {
    putViewConversation(db, conversation('c-old'), false);
    putViewConversation(db, conversation('c-new'), false);
    putConfirmedMessages(db, [message('m-old', 'c-old', 'lost wallet')]);
    putConfirmedMessages(
      db,
      Array.from({ length: SEARCH_HIT_LIMIT }, (_, i) =>
        message(`m-${String(i)}`, 'c-new', `lost wallet ${String(i)}`),
      ),
    );
    expect(search('wallet')).toMatchObject({ total: 1 });
    expect(ids('wallet')).toEqual(['c-new']);
    // A newer match brings the older conversation back into the newest matches.
    putConfirmedMessages(db, [message('m-newest', 'c-old', 'wallet found')]);
    expect(search('wallet')).toMatchObject({ total: 2 });
  });

  it('filters, sorts and pages the matching conversations with a total', () => {
    const rows = [
      conversation('c-a', { responseDueAt: T0 + 3 * MIN, lastInboundAt: T0 + 1 }),
      conversation('c-b', { responseDueAt: T0 + 1 * MIN, lastInboundAt: T0 + 3, language: 'cy' }),
      conversation('c-c', { responseDueAt: T0 + 2 * MIN, lastInboundAt: T0 + 2 }),
      conversation('c-d', { responseDueAt: null, lastInboundAt: T0 + 4, status: 'resolved' }),
      conversation('c-e', { responseDueAt: T0 }),
    ];
    for (const c of rows) putViewConversation(db, c, false);
    for (const c of rows.slice(0, 4))
      putConfirmedMessages(db, [message(`m-${c.id}`, c.id, 'graffiti in the park')]);
    putConfirmedMessages(db, [message('m-c-e', 'c-e', 'noise at night')]);

    expect(ids('graffiti')).toEqual(['c-b', 'c-c', 'c-a', 'c-d']);
    expect(ids('graffiti', { sort: 'newest' })).toEqual(['c-d', 'c-b', 'c-c', 'c-a']);
    expect(search('park', { offset: 1, limit: 2 })).toMatchObject({ total: 4 });
    expect(ids('park', { offset: 1, limit: 2 })).toEqual(['c-c', 'c-a']);
    expect(ids('park', { offset: 9 })).toEqual([]);
    expect(ids('graffiti', { filter: { search: 'graffiti', status: 'open' } })).toEqual([
      'c-b',
      'c-c',
      'c-a',
    ]);
    expect(search('park', { filter: { search: 'park', language: 'cy' } })).toMatchObject({ total: 1 });
  });
});
