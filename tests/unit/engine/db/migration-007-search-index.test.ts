import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listViewConversations } from '../../../../src/engine/db/conversations';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { putViewConversation } from '../../../../src/engine/db/conversations';
import { conversation, message } from '../fixtures';
import { cacheAtVersion, planOf } from './migration-support';

/**
 * Stores a message as the console did while the index had an insert trigger (versions 1–10):
 * the row alone, or the hub's copy over an optimistic one. Today's `putConfirmedMessages`
 * indexes new rows itself (migration 011), so it would index these twice.
 */
const storeMessage = (
  db: Database.Database,
  id: string,
  conversationId: string,
  body: string,
  pending = 0,
): void => {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, created_at, body, pending, data) VALUES (?, ?, 1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET body = excluded.body, pending = excluded.pending, data = excluded.data`,
  ).run(id, conversationId, body, pending, JSON.stringify(message(id, conversationId, body)));
};

/** A cache as version 6 left it, with messages indexed by the old messages_fts. */
const version6 = (): Database.Database => {
  const db = cacheAtVersion(6);
  putViewConversation(db, conversation('c-cy'), false);
  putViewConversation(db, conversation('c-en'), false);
  storeMessage(db, 'm-1', 'c-cy', 'Ŵyn ar y ffordd ger Aberystwyth');
  storeMessage(db, 'm-2', 'c-en', 'Someone smashed my car window');
  storeMessage(db, 'op-1', 'c-en', 'Please contact Action Fraud', 1);
  return db;
};

const found = (db: Database.Database, search: string): string[] =>
  listViewConversations(db, {
    filter: { search },
    sort: 'due',
    offset: 0,
    limit: 50,
    operatorId: null,
  }).rows.map((r) => r.conversation.id);

const names = (db: Database.Database, type: string): string[] =>
  (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').pluck().all(type) as string[]
  ).filter((n) => n.startsWith('messages_') || n.startsWith('conversations_search'));

describe('cache migration 007 (search index)', () => {
  it('rebuilds the message index from existing messages, newest first, and keeps it in step', () => {
    const db = version6();
    migrate(db, migrations.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    expect(names(db, 'table')).not.toContain('messages_fts');
    expect(names(db, 'table')).toContain('messages_search');
    expect(names(db, 'trigger')).toEqual([
      'messages_search_delete',
      'messages_search_insert',
      'messages_search_update',
    ]);
    // Every message written before the upgrade is searchable, keyed by its rid negated.
    const rids = db.prepare('SELECT rid FROM messages ORDER BY rid DESC').pluck().all() as number[];
    expect(
      db
        .prepare("SELECT -rowid FROM messages_search WHERE messages_search MATCH 'a* OR s*' ORDER BY rowid")
        .pluck()
        .all(),
    ).toEqual(rids);
    expect(found(db, 'wyn')).toEqual(['c-cy']);
    expect(found(db, 'smash win')).toEqual(['c-en']);
    expect(found(db, 'fraud')).toEqual(['c-en']);

    // The hub's copy replaces the optimistic reply with new text: only the new text is found.
    storeMessage(db, 'op-1', 'c-en', 'Report it to Action Counterfeit');
    expect(found(db, 'fraud')).toEqual([]);
    expect(found(db, 'counterfeit')).toEqual(['c-en']);
    db.prepare("DELETE FROM messages WHERE id = 'm-1'").run();
    expect(found(db, 'wyn')).toEqual([]);
    storeMessage(db, 'm-3', 'c-cy', 'Mae rhywun wedi dwyn fy meic');
    expect(found(db, 'dwyn meic')).toEqual(['c-cy']);
  });

  it('lets a search filter and sort its matches from conversations_search without reading rows', () => {
    const db = version6();
    migrate(db, migrations.slice(0, 7));
    const plan = planOf(
      db,
      `SELECT rowid FROM conversations INDEXED BY conversations_search
       WHERE id IN (SELECT value FROM json_each(?)) AND status = 'open' AND language = 'cy'
       ORDER BY last_inbound_at DESC, id DESC`,
      '[]',
    );
    expect(plan).toMatch(/COVERING INDEX conversations_search \(id=\?\)/);
  });

  it('runs in one transaction: a failure leaves the version 6 index and triggers in place', () => {
    const db = version6();
    // Something already named like the new table makes the migration fail half-way.
    db.exec('CREATE TABLE messages_search (x INTEGER)');
    expect(() => migrate(db, migrations.slice(0, 7))).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(6);
    expect(names(db, 'table')).toContain('messages_fts');
    expect(names(db, 'trigger')).toEqual([
      'messages_fts_delete',
      'messages_fts_insert',
      'messages_fts_update',
    ]);
    expect(db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'wyn'").pluck().get()).toBe(
      1,
    );
  });
});
