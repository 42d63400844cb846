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

describe('cache migration 006 (list indexes)', () => {
  it('lets a queue-and-language page sorted by due time read in index order', () => {
    const db = new Database(join(tempDir(), CACHE_FILE));
    opened.push(db);
    migrate(db, migrations.slice(0, 5));
    const query =
      "SELECT id FROM conversations WHERE queue_id = 'crime' AND language = 'cy' ORDER BY due_key, id LIMIT 50";
    const plan = (): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan()).toMatch(/TEMP B-TREE FOR ORDER BY/);
    migrate(db, migrations.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(plan()).toContain('conversations_queue_language_due');
    expect(plan()).not.toMatch(/TEMP B-TREE/);
  });
});
