import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBatch } from '../../../../src/engine/cache/apply-batch';
import { listViewConversations } from '../../../../src/engine/db/conversations';
import type { CacheDb } from '../../../../src/engine/db/handle';
import type { EntityRecord } from '../../../../src/shared/protocol/changes';
import { recordTempFilesAt } from '../../../support/sqlite-temp-files';
import { batch, contact, conversation, freshDb, message } from '../fixtures';

let db: CacheDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => {
  db.close();
});

/** The search index's segments (FTS5 keeps one row per segment and term page here). */
const segments = (): number =>
  db.prepare('SELECT count(DISTINCT segid) FROM messages_search_idx').pluck().get() as number;

const searchIds = (search: string): string[] =>
  listViewConversations(db, {
    filter: { search },
    sort: 'due',
    offset: 0,
    limit: 100,
    operatorId: null,
  }).rows.map((r) => r.conversation.id);

describe('applying a synced batch', () => {
  it('adds a page of messages to the search index as one segment, every one of them findable', () => {
    // Merging would hide how many segments were written, so it is switched off here.
    db.prepare("INSERT INTO messages_search (messages_search, rank) VALUES ('automerge', 0)").run();
    db.prepare("INSERT INTO messages_search (messages_search, rank) VALUES ('crisismerge', 1000)").run();
    const records: EntityRecord[] = [];
    for (let i = 0; i < 40; i += 1) {
      records.push(
        { entity: 'contact', data: contact(`p-${String(i)}`) },
        { entity: 'conversation', data: conversation(`c-${String(i)}`, { contactId: `p-${String(i)}` }) },
        {
          entity: 'message',
          data: message(`m-${String(i)}`, `c-${String(i)}`, `bike number${String(i)} stolen`),
        },
      );
    }
    expect(applyBatch(db, batch(0, records), null).kind).toBe('applied');
    // Indexed one message at a time, each became a segment of its own (40).
    expect(segments()).toBe(1);
    expect(searchIds('stolen')).toHaveLength(40);
    expect(searchIds('number17')).toEqual(['c-17']);

    // A later page: its own one segment; a message sent twice in it is stored once, as last sent.
    const later = batch(records.length, [
      { entity: 'message', data: message('m-a', 'c-1', 'first text') },
      { entity: 'message', data: message('m-b', 'c-2', 'wallet lost') },
      { entity: 'message', data: message('m-a', 'c-1', 'second text') },
    ]);
    expect(applyBatch(db, later, null).kind).toBe('applied');
    expect(segments()).toBe(2);
    expect(searchIds('first')).toEqual([]);
    expect(searchIds('second')).toEqual(['c-1']);
    expect(searchIds('wallet')).toEqual(['c-2']);
    expect(db.prepare("SELECT count(*) FROM messages WHERE id = 'm-a'").pluck().get()).toBe(1);

    // Messages sent again unchanged (a snapshot over a full cache) leave the index alone; one
    // whose text changed is indexed afresh.
    const again = batch(later.upTo, [
      ...records.filter((r) => r.entity === 'message').slice(0, 20),
      { entity: 'message', data: message('m-b', 'c-2', 'wallet found') },
    ]);
    expect(applyBatch(db, again, null).kind).toBe('applied');
    expect(segments()).toBe(3);
    expect(searchIds('stolen')).toHaveLength(40);
    expect(searchIds('lost')).toEqual([]);
    expect(searchIds('found')).toEqual(['c-2']);
    db.prepare("INSERT INTO messages_search (messages_search) VALUES ('integrity-check')").run();
  });

  it('writes large pages without a temporary file for the undo copies of their statements', () => {
    // What files are open while the view rows are written, at every hundredth conversation.
    // SQLite keeps the old contents of the pages each statement changes, so it can undo that
    // statement alone, and past 64 KiB it moved them to a temporary file: once the search
    // index began merging its segments, every synced page made one.
    const seen = recordTempFilesAt(db, "AFTER INSERT ON conversations WHEN new.id LIKE '%99'");
    let seq = 0;
    for (let p = 0; p < 8; p += 1) {
      const records = Array.from({ length: 300 }, (_, k) => {
        const i = String(p * 300 + k);
        return [
          { entity: 'contact', data: contact(`p-${i}`) },
          { entity: 'conversation', data: conversation(`c-${i}`, { contactId: `p-${i}` }) },
          { entity: 'message', data: message(`m-${i}`, `c-${i}`, `bike ${i} stolen from the station`) },
        ] satisfies EntityRecord[];
      }).flat();
      expect(applyBatch(db, batch(seq, records), null).kind).toBe('applied');
      seq += records.length;
    }
    expect(seen).toHaveLength(24);
    expect(seen.flat()).toEqual([]);
  });
});
