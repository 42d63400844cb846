import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepTempStoreInMemory, withTempStoreOnDisk } from '../../../src/sqlite/temp-store';
import { tempDirWithCleanup } from '../../support/files';
import { recordTempFilesAt } from '../../support/sqlite-temp-files';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** 200 rows of 2 KB (about 400 KiB), and a trigger reporting open temp files at the last one. */
function openDb(): { db: Database.Database; seen: string[][] } {
  const { dir, cleanup } = tempDirWithCleanup('desk-temp-store-');
  const db = new Database(join(dir, 'x.sqlite'));
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  // As the hub and the console run it; in rollback mode the old pages go to the main journal.
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, tag TEXT UNIQUE, body TEXT NOT NULL)');
  const seen = recordTempFilesAt(db, 'AFTER UPDATE ON t WHEN new.id = 200');
  const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 200; i += 1) insert.run(i, 'a'.repeat(2000));
  })();
  keepTempStoreInMemory(db);
  return { db, seen };
}

/**
 * Rewrites every row in one statement of a longer transaction. The statement could fail
 * halfway on the unique tag, so SQLite keeps undo copies to roll it back alone.
 */
const rewriteAll = (db: Database.Database, body: string): void => {
  db.transaction(() => {
    db.prepare('UPDATE t SET body = ? WHERE id = 1').run('first');
    db.prepare('UPDATE t SET tag = id || ?, body = ?').run(body, body.repeat(2000));
  })();
};

describe('where a statement keeps its undo copies', () => {
  it('keeps them in memory, or on disk for work that rewrites most of a database', () => {
    const { db, seen } = openDb();
    rewriteAll(db, 'b');
    expect(seen.pop()).toEqual([]);

    withTempStoreOnDisk(db, () => {
      rewriteAll(db, 'c');
    });
    expect(seen.pop()).toHaveLength(1);
    // Back in memory afterwards, also when the work throws.
    expect(() =>
      withTempStoreOnDisk(db, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    rewriteAll(db, 'd');
    expect(seen.pop()).toEqual([]);
  });

  it('refuses to switch inside a transaction, where SQLite has already chosen', () => {
    const { db } = openDb();
    expect(() => {
      db.transaction(() => {
        withTempStoreOnDisk(db, () => undefined);
      })();
    }).toThrow(/outside a transaction/);
  });
});
