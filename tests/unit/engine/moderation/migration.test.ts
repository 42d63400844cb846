import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from '../db/migration-support';

describe('cache migration 005 (moderation)', () => {
  it('adds the moderation tables on a version-4 cache, keeping its data', () => {
    const db = cacheAtVersion(4);
    db.prepare("INSERT INTO queues (id, data) VALUES ('q', '{}')").run();
    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations.length);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['comment_moderation', 'blocked_accounts']));
    expect(db.prepare('SELECT id FROM queues').all()).toEqual([{ id: 'q' }]);
  });
});
