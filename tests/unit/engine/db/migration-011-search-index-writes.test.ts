import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { putConfirmedMessages, putPendingMessageIfAbsent } from '../../../../src/engine/db/messages';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { message } from '../fixtures';
import { cacheAtVersion } from './migration-support';

const triggers = (db: Database.Database): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages' ORDER BY name")
    .pluck()
    .all() as string[];

/** How many times the index holds `term` (a row indexed twice would count twice). */
const instances = (db: Database.Database, term: string): number => {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, messages_search, instance)');
  return db.prepare('SELECT count(*) FROM temp.terms WHERE term = ?').pluck().get(term) as number;
};

describe('cache migration 011 (search index written by the message writers)', () => {
  it('drops the insert trigger, keeps what is indexed, and new messages are indexed once', () => {
    const db = cacheAtVersion(10);
    // Version 10 indexed a message through its insert trigger.
    db.prepare(
      `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
       VALUES ('m-1', 'c-1', 1, 'stolen bike', 0, '{}')`,
    ).run();
    expect(instances(db, 'stolen')).toBe(1);

    migrate(db, migrations.slice(0, 11));
    expect(schemaVersion(db)).toBe(11);
    expect(triggers(db)).toEqual(['messages_search_delete', 'messages_search_update']);
    expect(instances(db, 'stolen')).toBe(1);

    putConfirmedMessages(db, [message('m-2', 'c-1', 'stolen car'), message('m-3', 'c-1', 'stolen van')]);
    putPendingMessageIfAbsent(db, message('op-1', 'c-1', 'stolen phone'));
    // Already here: neither stored nor indexed again.
    putPendingMessageIfAbsent(db, message('op-1', 'c-1', 'stolen phone'));
    expect(instances(db, 'stolen')).toBe(4);
    // The hub's copy of a stored message is not indexed again; a changed text replaces the old.
    putConfirmedMessages(db, [message('m-2', 'c-1', 'stolen car'), message('op-1', 'c-1', 'lost phone')]);
    expect(instances(db, 'stolen')).toBe(3);
    expect(instances(db, 'lost')).toBe(1);
    // The same new message twice in one call: stored and indexed once, as last given.
    putConfirmedMessages(db, [
      message('m-4', 'c-1', 'stolen moped'),
      message('m-4', 'c-1', 'stolen scooter'),
    ]);
    expect([instances(db, 'stolen'), instances(db, 'moped'), instances(db, 'scooter')]).toEqual([4, 0, 1]);
    // Newest first in the index's own order, as search reads it.
    expect(
      db.prepare("SELECT -rowid FROM messages_search WHERE messages_search MATCH 'stolen'").pluck().all(),
    ).toEqual(
      db.prepare("SELECT rid FROM messages WHERE body LIKE 'stolen%' ORDER BY rid DESC").pluck().all(),
    );
  });
});
