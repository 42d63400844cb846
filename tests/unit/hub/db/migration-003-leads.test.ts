import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { migrate, userVersion } from '../../../../src/hub/db/migrations';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('hub migration 003 (leads)', () => {
  it('adds the roster and last-action tables on top of version 2, keeping existing rows', () => {
    const { dir, cleanup } = tempDir();
    const db = new Database(hubDbPath(dir));
    cleanups.push(cleanup);
    cleanups.unshift(() => db.close());
    migrate(db, 2);
    db.prepare(
      `INSERT INTO operators (id, name, role, skills, status, status_since, capacity, password_hash, created_at)
       VALUES ('op1', 'alice', 'operator', '[]', 'offline', 0, 8, 'x', 0)`,
    ).run();
    migrate(db, 3);
    expect(userVersion(db)).toBe(3);
    db.prepare(
      `INSERT INTO shifts (id, operator_id, starts_at, ends_at, note, removed, updated_by, updated_at)
       VALUES ('s1', 'op1', 10, 20, '', 0, 'op1', 0)`,
    ).run();
    db.prepare(`INSERT INTO operator_activity (operator_id, action, at) VALUES ('op1', 'claim', 5)`).run();
    expect(db.prepare('SELECT count(*) AS n FROM shifts').get()).toEqual({ n: 1 });
    // A shift that ends before it starts is refused by the table itself.
    expect(() =>
      db
        .prepare(
          `INSERT INTO shifts (id, operator_id, starts_at, ends_at, note, removed, updated_by, updated_at)
           VALUES ('s2', 'op1', 20, 10, '', 0, 'op1', 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM operators WHERE id = 'op1'").get()).toEqual({ name: 'alice' });
  });
});
