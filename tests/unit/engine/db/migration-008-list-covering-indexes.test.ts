import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion, planOf } from './migration-support';

const conversationIndexes = (db: Database.Database): string[] =>
  (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations' AND sql IS NOT NULL",
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .sort();

describe('cache migration 008 (list covering indexes)', () => {
  it('replaces the per-combination list indexes with two covering ones and keeps every row', () => {
    const db = cacheAtVersion(7);
    expect(conversationIndexes(db)).toHaveLength(17);
    db.prepare(
      `INSERT INTO conversations (id, queue_id, status, assignee_id, platform, language, priority, contact_id,
         due_key, last_inbound_at, pending, data)
       VALUES ('c1', 'general', 'open', NULL, 'x', 'cy', 'urgent', 'p1', 5, 7, 0, '{}')`,
    ).run();

    migrate(db, migrations.slice(0, 8));
    expect(schemaVersion(db)).toBe(8);
    expect(conversationIndexes(db)).toEqual([
      'conversations_contact',
      'conversations_counts',
      'conversations_list_due',
      'conversations_list_newest',
      'conversations_search',
    ]);
    const page = `SELECT rowid FROM conversations INDEXED BY conversations_list_newest
      WHERE assignee_id IS NULL AND language = 'cy' AND platform = 'x'
      ORDER BY last_inbound_at DESC, id DESC LIMIT 50`;
    // In list order straight from the index: no sort of the matches, no row read.
    expect(planOf(db, page)).toContain('USING COVERING INDEX conversations_list_newest');
    expect(planOf(db, page)).not.toMatch(/TEMP B-TREE/);
    const count = `SELECT count(*) FROM conversations INDEXED BY conversations_list_due
      WHERE queue_id = 'general' AND priority = 'urgent'`;
    expect(planOf(db, count)).toContain('USING COVERING INDEX conversations_list_due');
    expect(db.prepare(page).pluck().all()).toHaveLength(1);
    expect(db.prepare(count).pluck().get()).toBe(1);
  });
});
