import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { CACHE_FILE } from '../../../../src/engine/db/open';
import { tempDir } from '../fixtures';

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

describe('cache migration 005 (moderation)', () => {
  it('adds the moderation tables on a version-4 cache, keeping its data', () => {
    const db = new Database(join(tempDir(), CACHE_FILE));
    opened.push(db);
    migrate(db, migrations.slice(0, 4));
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
