import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hubDbPath, openHubDb } from '../../../src/hub/db/connection';
import { readChanges } from '../../../src/hub/db/change-log';
import {
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  NewerDatabaseError,
  userVersion,
} from '../../../src/hub/db/migrations';
import { startHub } from '../../../src/hub/server';
import { tempDir } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function freshDb(): Database.Database {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const db = new Database(hubDbPath(dir));
  cleanups.unshift(() => db.close());
  return db;
}

const tables = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('hub migrations', () => {
  it('registers one migration per version, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates the core tables, the append-only audit and the change log', () => {
    const db = freshDb();
    migrate(db, 1);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'platforms',
        'queues',
        'operators',
        'contacts',
        'conversations',
        'messages',
        'webhook_receipts',
        'notices',
        'change_log',
        'applied_operations',
        'sessions',
        'login_attempts',
        'audit',
        'meta',
      ]),
    );
    expect(tables(db)).not.toContain('deliveries');
    expect(db.prepare('SELECT id FROM platforms ORDER BY id').all()).toEqual([
      { id: 'facebook' },
      { id: 'x' },
    ]);
    db.prepare(
      "INSERT INTO audit (at, action, detail, prev_hash, hash) VALUES (1, 'a', '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('002 adds deliveries on top of a version-1 database, keeping its data', () => {
    const db = freshDb();
    migrate(db, 1);
    db.prepare("INSERT INTO queues (id, name, name_cy, auto_assign) VALUES ('q', 'Q', 'Q', 0)").run();
    migrate(db, 2);
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toContain('deliveries');
    expect(db.prepare('SELECT id FROM queues').all()).toEqual([{ id: 'q' }]);
    // Running again is a no-op.
    migrate(db, 2);
    expect(userVersion(db)).toBe(2);
  });

  it('008 adds message_revisions and the platform-id index on top of a version-7 database', () => {
    const db = freshDb();
    migrate(db, 7);
    expect(tables(db)).not.toContain('message_revisions');
    migrate(db, 8);
    expect(userVersion(db)).toBe(8);
    expect(tables(db)).toContain('message_revisions');
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE platform = 'facebook' AND platform_message_id = 'c1'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/messages_by_platform_id/);
  });

  it('009 adds sending_since to moderation_jobs, empty for the jobs already there', () => {
    const db = freshDb();
    migrate(db, 8);
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO moderation_jobs (kind, platform, subject_id, target, state, next_attempt_at, created_at) VALUES ('reply', 'facebook', 'm1', '{}', 'pending', 1, 1)",
    ).run();
    migrate(db, 9);
    expect(userVersion(db)).toBe(9);
    expect(db.prepare('SELECT kind, state, sending_since FROM moderation_jobs').all()).toEqual([
      { kind: 'reply', state: 'pending', sending_since: null },
    ]);
  });

  it('010 adds unsure_post to broadcast channels, 0 for the channels already there', () => {
    const db = freshDb();
    migrate(db, 9);
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO broadcast_channels (broadcast_id, channel, state, updated_at) VALUES ('b1', 'facebook', 'published', 1)",
    ).run();
    migrate(db, 10);
    expect(userVersion(db)).toBe(10);
    expect(db.prepare('SELECT channel, state, unsure_post FROM broadcast_channels').all()).toEqual([
      { channel: 'facebook', state: 'published', unsure_post: 0 },
    ]);
  });

  it('011 adds disabled_at to operators, empty (may sign in) for the people already there', () => {
    const db = freshDb();
    migrate(db, 10);
    db.prepare(
      "INSERT INTO operators (id, name, role, skills, status, status_since, capacity, password_hash, created_at) VALUES ('o1', 'alice', 'operator', '[]', 'offline', 1, 8, 'h', 1)",
    ).run();
    migrate(db, 11);
    expect(userVersion(db)).toBe(11);
    expect(db.prepare('SELECT name, disabled_at FROM operators').all()).toEqual([
      { name: 'alice', disabled_at: null },
    ]);
  });

  it('012 adds edit_order to messages, empty for the messages already there', () => {
    const db = freshDb();
    migrate(db, 11);
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO messages (id, conversation_id, direction, author_id, body, platform, platform_message_id, created_at) VALUES ('m1', 'c1', 'inbound', NULL, 'hello', 'facebook', 'mid.1', 1)",
    ).run();
    migrate(db, 12);
    expect(userVersion(db)).toBe(12);
    expect(db.prepare('SELECT id, body, edit_order FROM messages').all()).toEqual([
      { id: 'm1', body: 'hello', edit_order: null },
    ]);
  });

  it('013 indexes contact rows and withholds the names of people who already had a confidential conversation', () => {
    const db = freshDb();
    migrate(db, 12);
    db.pragma('foreign_keys = OFF');
    const contact = (id: string, name: string) =>
      JSON.stringify({
        entity: 'contact',
        data: { id, platform: 'facebook', platformUserId: `psid-${id}`, displayName: name, language: 'en' },
      });
    for (const [id, name, confidential] of [
      ['k1', 'Siân Morgan', 1],
      ['k2', 'Owen Price', 0],
    ] as const) {
      db.prepare(
        "INSERT INTO contacts (id, platform, platform_user_id, display_name, language) VALUES (?, 'facebook', ?, ?, 'en')",
      ).run(id, `psid-${id}`, name);
      db.prepare(
        `INSERT INTO conversations (id, platform, kind, contact_id, queue_id, status, priority, language, category,
           confidential, preview, triage_reasons, first_inbound_at, last_inbound_at, updated_at)
         VALUES (?, 'facebook', 'dm', ?, 'general', 'open', 'normal', 'en', 'general', ?, '', '[]', 1, 1, 1)`,
      ).run(`c-${id}`, id, confidential);
      db.prepare(
        "INSERT INTO change_log (at, entity, entity_id, audience, confidential, json) VALUES (1, 'contact', ?, NULL, 0, ?)",
      ).run(id, contact(id, name));
    }
    migrate(db, 13);
    expect(userVersion(db)).toBe(13);
    const rows = readChanges(db, 0, 1000, 1000, () => undefined).changes.map((c) => [
      c.record.data.id,
      c.confidential,
    ]);
    expect(rows).toEqual([
      ['k1', true],
      ['k2', false],
      ['k1', true],
    ]);
    expect(
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT seq FROM change_log WHERE entity = 'contact' AND entity_id = 'k1'",
        )
        .all(),
    ).toContainEqual(
      expect.objectContaining({ detail: expect.stringContaining('change_log_contacts') as string }),
    );
  });

  it('014 adds hideable to messages: empty (may be hidden) for the messages already there, and only 0 besides', () => {
    const db = freshDb();
    migrate(db, 13);
    db.pragma('foreign_keys = OFF');
    const insert = (id: string) =>
      db
        .prepare(
          "INSERT INTO messages (id, conversation_id, direction, author_id, body, platform, platform_message_id, created_at) VALUES (?, 'c1', 'inbound', NULL, 'hello', 'x', ?, 1)",
        )
        .run(id, `tweet-${id}`);
    insert('m1');
    migrate(db, 14);
    expect(userVersion(db)).toBe(14);
    expect(db.prepare('SELECT id, hideable FROM messages').all()).toEqual([{ id: 'm1', hideable: null }]);
    insert('m2');
    db.prepare("UPDATE messages SET hideable = 0 WHERE id = 'm2'").run();
    expect(() => db.prepare("UPDATE messages SET hideable = 1 WHERE id = 'm2'").run()).toThrow(/CHECK/);
  });

  it('refuses a database from a newer hub with a clear error', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = new Database(hubDbPath(dir));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openHubDb(dir)).toThrow(NewerDatabaseError);
    expect(() => openHubDb(dir)).toThrow(/version 99, newer than this hub understands/);
    await expect(startHub({ dataDir: dir })).rejects.toThrow(/newer than this hub/);
  });

  it('opens with WAL and synchronous=FULL', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = openHubDb(dir);
    cleanups.unshift(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
