import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startCheckpoints, type CheckpointOptions } from '../../../src/sqlite/checkpoints';
import { tempDirWithCleanup } from '../../support/files';
import { sleep, waitFor } from '../../support/wait';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const tempDir = (): string => {
  const { dir, cleanup } = tempDirWithCleanup('desk-checkpoints-');
  cleanups.push(cleanup);
  return dir;
};

/** A database in WAL mode, as the hub and every console cache open theirs. */
function walDb(): { db: Database.Database; file: string; fileSize: () => number } {
  const file = join(tempDir(), 'data.sqlite');
  const db = new Database(file);
  // Closed before its folder is removed (cleanups run in order).
  cleanups.unshift(() => {
    db.close();
  });
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  return { db, file, fileSize: () => statSync(file).size };
}

const fill = (db: Database.Database, rows: number): void => {
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run('x'.repeat(500));
  })();
};

describe.each<{ name: string; options: CheckpointOptions; thread: 'worker' | 'main' }>([
  { name: 'in a worker', options: {}, thread: 'worker' },
  { name: 'on the main thread', options: { thread: 'main' }, thread: 'main' },
])('checkpoints on their own timer, $name', ({ options, thread }) => {
  it('takes checkpoints out of commits and folds the log back into the file on the timer', async () => {
    const { db, fileSize } = walDb();
    const checkpoints = startCheckpoints(db, { ...options, everyMs: 40 });
    expect(checkpoints.thread()).toBe(thread);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fileSize();
    // Far more than the 1,000 pages at which a commit would otherwise checkpoint.
    for (let i = 0; i < 10; i += 1) fill(db, 1000);
    if (thread === 'main') expect(fileSize()).toBe(before);
    await waitFor(() => fileSize() > before + 4_000_000, { timeoutMs: 5000, intervalMs: 20 });
    await checkpoints.stop();
    expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(10_000);
  });

  it('keeps the log from growing without end while commits never stop', async () => {
    const { db, file } = walDb();
    const checkpoints = startCheckpoints(db, { ...options, everyMs: 20 });
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
    // 192 MB in commits of 20 kB, each followed by a gap, as between two webhooks or two
    // pages of a catch-up: an amount, not a time, so a slow machine writes as much.
    let written = 0;
    while (written < 192_000_000) {
      db.transaction(() => {
        for (let i = 0; i < 40; i += 1) insert.run('x'.repeat(500));
      })();
      written += 40 * 500;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await checkpoints.stop();
    // Had the log never started over, it would hold everything written (and more). Started
    // over, it is cut back to 64 MiB, or holds what came since it last started over.
    expect(statSync(`${file}-wal`).size).toBeLessThan(written / 2);
  });

  it('stops when told to', async () => {
    const { db, fileSize } = walDb();
    await startCheckpoints(db, { ...options, everyMs: 20 }).stop();
    const before = fileSize();
    fill(db, 2000);
    await sleep(200);
    expect(fileSize()).toBe(before);
  });
});

describe('checkpoints without a worker', () => {
  it('fall back to the main thread, and still fold the log in, when the worker cannot start', async () => {
    const { db, fileSize } = walDb();
    const lines: string[] = [];
    const checkpoints = startCheckpoints(db, {
      everyMs: 40,
      label: 'hub',
      driver: join(tempDir(), 'no-such-driver.js'),
      log: (line) => lines.push(line),
    });
    await waitFor(() => checkpoints.thread() === 'main', { timeoutMs: 5000, intervalMs: 10 });
    expect(lines.join('\n')).toContain(
      '[hub] the checkpoint worker stopped: checkpointing on the main thread',
    );
    const before = fileSize();
    fill(db, 10_000);
    await waitFor(() => fileSize() > before + 4_000_000, { timeoutMs: 5000, intervalMs: 20 });
    await checkpoints.stop();
  });
});

describe('stopping checkpoints', () => {
  it('keeps the process alive until the worker has closed its connection', async () => {
    // An unsettled wait for the worker used to end such a process with exit code 13.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../support/checkpoints-stop-child.ts'), tempDir()],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe('stopped');
  });
});
