import { readdirSync, readlinkSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * The SQLite temporary files this process has open (Linux). SQLite names them etilqs_…
 * and unlinks them as soon as they are open, so only /proc/self/fd still shows them.
 */
export const sqliteTempFilesOpen = (): string[] =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));

/**
 * Records the open temporary files each time a row event happens, from inside the statement
 * that causes it: `event` is a trigger's timing and condition, such as
 * "AFTER DELETE ON messages WHEN old.id = 'm-9'". Returns the list the trigger fills.
 */
export function recordTempFilesAt(db: Database.Database, event: string): string[][] {
  const seen: string[][] = [];
  db.function('temp_files_now', () => {
    seen.push(sqliteTempFilesOpen());
    return null;
  });
  db.exec(`CREATE TRIGGER temp_files_probe ${event} BEGIN SELECT temp_files_now(); END`);
  return seen;
}
