import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpoints, type CheckpointOptions } from '../../../../src/engine/db/checkpoints';
import type { CacheDb } from '../../../../src/engine/db/handle';
import { CACHE_FILE, openCacheDb } from '../../../../src/engine/db/open';
import { sleep, waitFor } from '../../../support/wait';
import { tempDir } from '../fixtures';

const open: CacheDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function cache(): { db: CacheDb; fileSize: () => number } {
  const dir = tempDir();
  const db = openCacheDb(dir);
  open.push(db);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  return { db, fileSize: () => statSync(join(dir, CACHE_FILE)).size };
}

const fill = (db: CacheDb, rows: number): void => {
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run('x'.repeat(500));
  })();
};

describe.each<{ name: string; options: CheckpointOptions; thread: 'worker' | 'main' }>([
  { name: 'in a worker', options: {}, thread: 'worker' },
  { name: 'on the main thread', options: { thread: 'main' }, thread: 'main' },
])('cache checkpoints on their own timer, $name', ({ options, thread }) => {
  it('takes checkpoints out of commits and folds the log back into the file on the timer', async () => {
    const { db, fileSize } = cache();
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

  it('stops when told to', async () => {
    const { db, fileSize } = cache();
    await startCheckpoints(db, { ...options, everyMs: 20 }).stop();
    const before = fileSize();
    fill(db, 2000);
    await sleep(200);
    expect(fileSize()).toBe(before);
  });
});

describe('cache checkpoints without a worker', () => {
  it('fall back to the main thread, and still fold the log in, when the worker cannot start', async () => {
    const { db, fileSize } = cache();
    const lines: string[] = [];
    const checkpoints = startCheckpoints(db, {
      everyMs: 40,
      driver: join(tempDir(), 'no-such-driver.js'),
      log: (line) => lines.push(line),
    });
    await waitFor(() => checkpoints.thread() === 'main', { timeoutMs: 5000, intervalMs: 10 });
    expect(lines.join('\n')).toContain('checkpointing on the main thread');
    const before = fileSize();
    fill(db, 10_000);
    await waitFor(() => fileSize() > before + 4_000_000, { timeoutMs: 5000, intervalMs: 20 });
    await checkpoints.stop();
  });
});

describe('stopping cache checkpoints', () => {
  it('keeps the process alive until the worker has closed its connection', async () => {
    // An unsettled wait for the worker used to end such a process with exit code 13.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../../support/checkpoints-stop-child.ts'), tempDir()],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe('stopped');
  });
});
