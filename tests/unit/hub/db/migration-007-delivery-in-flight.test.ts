import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../../src/hub/db/migrations';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

describe('hub migration 007 (delivery in flight)', () => {
  it('adds sending_since to deliveries, empty for the rows already there', () => {
    const { dir, cleanup } = tempDir();
    const db = new Database(hubDbPath(dir));
    cleanups.push(() => {
      db.close();
      cleanup();
    });
    migrate(db, 6);
    expect(userVersion(db)).toBe(6);
    // A delivery row as version 6 wrote it (its message is beside the point here).
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO deliveries (message_id, platform, state, attempts, next_attempt_at) VALUES ('m1', 'facebook', 'pending', 0, 5)",
    ).run();
    migrate(db, 7);
    expect(userVersion(db)).toBe(7);
    expect(db.prepare('SELECT message_id, state, sending_since FROM deliveries').all()).toEqual([
      { message_id: 'm1', state: 'pending', sending_since: null },
    ]);
    db.prepare("UPDATE deliveries SET sending_since = 42 WHERE message_id = 'm1'").run();
    expect(db.prepare('SELECT sending_since FROM deliveries').pluck().get()).toBe(42);
  });
});
