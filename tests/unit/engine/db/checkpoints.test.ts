import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpoints } from '../../../../src/engine/db/checkpoints';
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

describe('cache checkpoints on their own timer', () => {
  it('takes checkpoints out of commits and folds the log back into the file on the timer', async () => {
    const { db, fileSize } = cache();
    const checkpoints = startCheckpoints(db, 40);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fileSize();
    // Far more than the 1,000 pages at which a commit would otherwise checkpoint.
    for (let i = 0; i < 10; i += 1) fill(db, 1000);
    expect(fileSize()).toBe(before);
    await waitFor(() => fileSize() > before + 4_000_000, { timeoutMs: 5000, intervalMs: 20 });
    checkpoints.stop();
  });

  it('stops when told to', async () => {
    const { db, fileSize } = cache();
    startCheckpoints(db, 20).stop();
    const before = fileSize();
    fill(db, 2000);
    await sleep(200);
    expect(fileSize()).toBe(before);
  });
});
