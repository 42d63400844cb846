import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { migrate, userVersion } from '../../../../src/hub/db/migrations';
import { tempDir } from '../helpers';

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

describe('hub migration 006 (moderation)', () => {
  it('adds the moderation tables on a version-5 database, keeping its data', () => {
    const db = freshDb();
    migrate(db, 5);
    db.prepare("INSERT INTO queues (id, name, name_cy, auto_assign) VALUES ('q', 'Q', 'Q', 0)").run();
    migrate(db, 6);
    expect(userVersion(db)).toBe(6);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['comment_moderation', 'blocked_accounts', 'moderation_jobs']),
    );
    expect(db.prepare('SELECT id FROM queues').all()).toEqual([{ id: 'q' }]);
  });

  it('refuses an unknown job kind or state', () => {
    const db = freshDb();
    migrate(db, 6);
    const insert = (kind: string, state: string) =>
      db
        .prepare(
          `INSERT INTO moderation_jobs (kind, platform, subject_id, target, state, next_attempt_at, created_at)
           VALUES (?, 'facebook', 's', '{}', ?, 0, 0)`,
        )
        .run(kind, state);
    expect(() => insert('hide', 'pending')).not.toThrow();
    expect(() => insert('shout', 'pending')).toThrow(/CHECK/);
    expect(() => insert('hide', 'maybe')).toThrow(/CHECK/);
  });
});
