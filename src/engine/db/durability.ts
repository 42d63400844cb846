import type { CacheDb } from './handle';

/**
 * Runs a write that must survive a power cut, not only a crash of the app.
 *
 * The cache commits at two levels on one WAL database. What came from the hub can always
 * be pulled again (lastSeq moves in the same transaction, so a commit lost to a power cut
 * is simply re-applied), so it commits without waiting for the disk: `synchronous=NORMAL`,
 * still safe if the app is killed. The operator's own actions exist nowhere else until the
 * hub acknowledges them, so their commit waits for the disk (`FULL`), which also makes
 * everything committed before it durable. Syncing every live batch to disk was what made
 * a busy desk slow (each console paid a disk flush per change).
 */
export function durably<T>(db: CacheDb, write: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
