import type { CacheDb } from './handle';
import { migrations as allMigrations, type Migration } from './migrations';

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The console cache was written by a newer Social Desk (schema version ${found}; this version understands up to ${supported}). Update the console, or remove the cache folder to start afresh.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export const schemaVersion = (db: CacheDb): number => db.pragma('user_version', { simple: true }) as number;

/** Runs each missing migration in its own transaction, bumping user_version inside it. */
export function migrate(db: CacheDb, migrations: readonly Migration[] = allMigrations): number {
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new NewerDatabaseError(current, latest);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${String(migration.version)}`);
    })();
  }
  return schemaVersion(db);
}
