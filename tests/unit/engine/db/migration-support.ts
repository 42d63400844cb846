import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { migrate } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { CACHE_FILE } from '../../../../src/engine/db/open';
import { tempDir } from '../fixtures';

/**
 * A bare cache file (no engine around it) brought up to schema `version`, as an older
 * console left it, for a migration test to migrate further. Closed when the test ends.
 */
export function cacheAtVersion(version: number): Database.Database {
  const db = new Database(join(tempDir(), CACHE_FILE));
  onTestFinished(() => {
    if (db.open) db.close();
  });
  migrate(db, migrations.slice(0, version));
  return db;
}

/** SQLite's plan for a query, one step a line. */
export const planOf = (db: Database.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
