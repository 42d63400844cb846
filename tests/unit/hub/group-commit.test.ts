import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hubDbPath, openHubDb, type HubDb } from '../../../src/hub/db/connection';
import { createGroupCommit } from '../../../src/hub/group-commit';
import { tempDirWithCleanup } from '../../support/files';
import { sqliteTempFilesOpen } from '../../support/sqlite-temp-files';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Desk {
  readonly db: HubDb;
  readonly dir: string;
  readonly grouped: <T>(fn: () => T) => Promise<T>;
  commits(): number;
  failNextCommit(): void;
}

function setUp(): Desk {
  const { dir, cleanup } = tempDirWithCleanup('desk-group-commit-');
  const db = openHubDb(dir);
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  let commits = 0;
  let fail = false;
  const commit = (fn: () => void): void => {
    db.transaction(() => {
      fn();
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
    })();
    commits += 1;
  };
  return {
    db,
    dir,
    commits: () => commits,
    failNextCommit: () => {
      fail = true;
    },
    grouped: createGroupCommit(db, commit),
  };
}

const insert = (db: HubDb, body: string) => (): number =>
  Number(db.prepare('INSERT INTO notes (body) VALUES (?)').run(body).lastInsertRowid);
const bodies = (file: string): string[] => {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map(
      (r) => r.body,
    );
  } finally {
    reader.close();
  }
};

describe('group commit', () => {
  it('commits work queued in one turn together, and only what threw is rolled back', async () => {
    const t = setUp();
    const first = t.grouped(insert(t.db, 'first'));
    const second = t.grouped(() => {
      insert(t.db, 'half-written')();
      throw new Error('refused');
    });
    const third = t.grouped(insert(t.db, 'third'));
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toThrow('refused');
    await expect(third).resolves.toBeGreaterThan(1);
    expect(t.commits()).toBe(1);
    expect(bodies(hubDbPath(t.dir))).toEqual(['first', 'third']);
  });

  it('answers nobody before the group is committed and visible to another connection', async () => {
    const t = setUp();
    const seen: string[][] = [];
    await Promise.all(
      ['a', 'b'].map((body) =>
        t.grouped(insert(t.db, body)).then(() => {
          expect(t.db.inTransaction).toBe(false);
          seen.push(bodies(hubDbPath(t.dir)));
        }),
      ),
    );
    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('refuses every caller in a group whose commit fails, and stores none of it', async () => {
    const t = setUp();
    t.failNextCommit();
    const results = await Promise.allSettled([t.grouped(insert(t.db, 'x')), t.grouped(insert(t.db, 'y'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(bodies(hubDbPath(t.dir))).toEqual([]);
    // The next group is unaffected.
    await expect(t.grouped(insert(t.db, 'z'))).resolves.toBe(1);
    expect(bodies(hubDbPath(t.dir))).toEqual(['z']);
  });

  it('keeps what each piece must be able to undo in memory, not in temporary files', async () => {
    const t = setUp();
    // Rows big enough that each piece rewrites more than 64 KiB of pages the group has already
    // changed: SQLite keeps their old contents to undo that piece alone (its savepoint), and by
    // default moves them to a temporary file past 64 KiB, one new file a group.
    const body = 'x'.repeat(2000);
    await t.grouped(() => {
      for (let i = 0; i < 60; i += 1) insert(t.db, body)();
    });
    const rewrite = (): void => {
      t.db.prepare('UPDATE notes SET body = ?').run(`${body}${String(Math.random())}`);
    };
    const seen = await Promise.all([
      t.grouped(rewrite),
      t.grouped(rewrite),
      t.grouped(() => {
        rewrite();
        return sqliteTempFilesOpen();
      }),
    ]);
    expect(seen[2]).toEqual([]);
    expect(t.commits()).toBe(2);
  });

  it('starts a new group for work queued after a flush', async () => {
    const t = setUp();
    await t.grouped(insert(t.db, 'one'));
    await t.grouped(insert(t.db, 'two'));
    expect(t.commits()).toBe(2);
  });
});
