import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../../src/sqlite/statement-cache';
import { tempDirWithCleanup } from '../../support/files';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function openDb(): Database.Database {
  const { dir, cleanup } = tempDirWithCleanup('desk-statements-');
  const db = new Database(join(dir, 'x.sqlite'));
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  cacheStatements(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.prepare('INSERT INTO t (name) VALUES (?), (?), (?)').run('a', 'b', 'c');
  return db;
}

describe('statement cache', () => {
  it('hands back the compiled statement for SQL it has seen', () => {
    const db = openDb();
    const sql = 'SELECT name FROM t WHERE id = ?';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql).get(2)).toEqual({ name: 'b' });
  });

  it('resets a result mode another caller switched on', () => {
    const db = openDb();
    const sql = 'SELECT name FROM t ORDER BY id';
    expect(db.prepare(sql).pluck().all()).toEqual(['a', 'b', 'c']);
    expect(db.prepare(sql).all()).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  });

  it('compiles a fresh statement while the cached one is still iterating', () => {
    const db = openDb();
    const sql = 'SELECT name FROM t ORDER BY id';
    const outer: string[] = [];
    for (const row of db.prepare(sql).iterate() as Iterable<{ name: string }>) {
      outer.push(row.name);
      expect(db.prepare(sql).all()).toHaveLength(3);
    }
    expect(outer).toEqual(['a', 'b', 'c']);
  });

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    const db = openDb();
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= 600; i += 1) db.prepare(`SELECT ${String(i)}`);
    expect(db.prepare('SELECT 600')).toBe(db.prepare('SELECT 600'));
    expect(db.prepare('SELECT 0')).not.toBe(first);
  });
});
