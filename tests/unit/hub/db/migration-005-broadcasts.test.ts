import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../../src/hub/db/migrations';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

describe('hub migration 005 (broadcasts)', () => {
  it('adds broadcasts, per-channel jobs, media and desk alerts on top of version 4', () => {
    const { dir, cleanup } = tempDir();
    const db = new Database(hubDbPath(dir));
    cleanups.push(() => {
      db.close();
      cleanup();
    });
    db.pragma('foreign_keys = ON');
    migrate(db, 4);
    expect(userVersion(db)).toBe(4);
    expect(() => db.prepare('SELECT * FROM broadcast_channels').all()).toThrow(/no such table/);
    migrate(db, 5);
    expect(userVersion(db)).toBe(5);
    db.prepare("INSERT INTO broadcasts (id, json, created_at) VALUES ('b1', '{}', 1)").run();
    db.prepare(
      "INSERT INTO broadcast_channels (broadcast_id, channel, state, action, due_at, updated_at) VALUES ('b1', 'x', 'scheduled', 'publish', 5, 1)",
    ).run();
    // One row per channel, only known channels and actions, and never for a missing broadcast.
    expect(() =>
      db
        .prepare(
          "INSERT INTO broadcast_channels (broadcast_id, channel, state, updated_at) VALUES ('b1', 'x', 'idle', 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO broadcast_channels (broadcast_id, channel, state, updated_at) VALUES ('b1', 'myspace', 'idle', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO broadcast_channels (broadcast_id, channel, state, updated_at) VALUES ('nope', 'facebook', 'idle', 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO broadcast_media (id, broadcast_id, name, mime, alt, data, created_at) VALUES ('m', 'b1', 'a.gif', 'image/gif', '', x'00', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO desk_alerts (id, json, expires_at, created_at) VALUES ('a1', '{}', 2, 1)").run();
  });
});
