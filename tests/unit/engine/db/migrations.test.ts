import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, schemaVersion } from '../../../../src/engine/db/migrate';
import { LATEST_VERSION, migrations } from '../../../../src/engine/db/migrations';
import { migration001 } from '../../../../src/engine/db/migrations/001-initial';
import { CACHE_FILE, openCacheDb } from '../../../../src/engine/db/open';
import { tempDir } from '../fixtures';

const opened: Database.Database[] = [];
const rawDb = (dir = tempDir()): Database.Database => {
  const db = new Database(join(dir, CACHE_FILE));
  opened.push(db);
  return db;
};

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const tables = (db: Database.Database): string[] =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('cache migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  it('001 creates the cache tables, the FTS index and sets user_version 1', () => {
    const db = rawDb();
    migrate(db, [migration001]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'meta',
        'queues',
        'operators',
        'contacts',
        'hub_conversations',
        'conversations',
        'messages',
        'messages_fts',
        'notices',
        'outbox',
        'snapshot_ids',
      ]),
    );
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT data FROM conversations WHERE status = 'open' ORDER BY due_key, id LIMIT 50`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX conversations_status_due/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });

  it('is idempotent: running again on an up-to-date cache changes nothing', () => {
    const dir = tempDir();
    openCacheDb(dir).close();
    const db = openCacheDb(dir);
    opened.push(db);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
  });

  it('refuses a cache written by a newer version, with a clear error, and leaves it untouched', () => {
    const dir = tempDir();
    const db = rawDb(dir);
    db.pragma(`user_version = ${String(LATEST_VERSION + 1)}`);
    db.close();
    expect(() => openCacheDb(dir)).toThrow(NewerDatabaseError);
    expect(() => openCacheDb(dir)).toThrow(/newer Social Desk/);
    const again = rawDb(dir);
    expect(schemaVersion(again)).toBe(LATEST_VERSION + 1);
    expect(tables(again)).not.toContain('outbox');
  });

  it('rolls a failing migration back completely', () => {
    const db = rawDb();
    const broken = {
      version: 1,
      name: 'broken',
      up(d: Database.Database) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).not.toContain('half_done');
  });
});
