import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from './migration-support';

describe('cache migration 004 (broadcasts)', () => {
  it('adds the broadcast and desk-alert cache tables on top of version 3', () => {
    const db = cacheAtVersion(3);
    expect(schemaVersion(db)).toBe(3);
    expect(() => db.prepare('SELECT * FROM broadcasts').all()).toThrow(/no such table/);
    migrate(db, migrations.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    db.prepare("INSERT INTO broadcasts (id, updated_at, data) VALUES ('b1', 1, '{}')").run();
    db.prepare("INSERT INTO desk_alerts (id, expires_at, data) VALUES ('a1', 1, '{}')").run();
    expect(() =>
      db.prepare('INSERT INTO desk_alerts (id, expires_at, data) VALUES (?, 1, NULL)').run('a2'),
    ).toThrow(/NOT NULL/);
  });
});
