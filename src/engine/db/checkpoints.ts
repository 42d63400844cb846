import type { CacheDb } from './handle';

/** How often the write-ahead log is folded back into the cache file. */
export const CHECKPOINT_EVERY_MS = 2_000;

/**
 * Checkpoints the cache's write-ahead log on a timer of its own.
 *
 * By default SQLite checkpoints inside whichever commit takes the log past 1,000 pages, so
 * now and then one live batch paid for copying the whole log back and a disk flush before
 * the operator saw it. A PASSIVE checkpoint never waits for a reader or writer, and one
 * with nothing to copy costs next to nothing. The first one comes at a random point of the
 * interval, so consoles started together do not all flush at the same moment.
 */
export function startCheckpoints(db: CacheDb, everyMs = CHECKPOINT_EVERY_MS): { stop(): void } {
  db.pragma('wal_autocheckpoint = 0');
  const checkpoint = (): void => {
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  };
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(
    () => {
      checkpoint();
      interval = setInterval(checkpoint, everyMs);
      interval.unref();
    },
    Math.floor(Math.random() * everyMs),
  );
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      if (interval !== null) clearInterval(interval);
    },
  };
}
