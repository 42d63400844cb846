import type { HubDb } from './db/connection';

interface Queued {
  /** Runs inside the group's transaction; returns how to settle its promise once committed. */
  readonly runInside: () => () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Commits work that arrives close together (webhook deliveries, operations from consoles)
 * in one transaction, so a busy desk pays for one disk flush per turn of the event loop
 * rather than one per request.
 *
 * Each piece runs in its own savepoint: one that throws is rolled back alone and its caller
 * gets the error, the rest still commit. Nobody hears "done" before the whole group is on
 * disk, so an acknowledgement still means durable; if the group's commit itself fails,
 * every caller in it is refused and nothing of it was stored.
 *
 * `commit` is the hub's ordinary commit (transaction, then fan-out), which runs once for
 * the whole group.
 */
export function createGroupCommit(
  db: HubDb,
  commit: (fn: () => void) => void,
): <T>(fn: () => T) => Promise<T> {
  let queue: Queued[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    const settlers: (() => void)[] = [];
    try {
      commit(() => {
        settlers.length = 0;
        for (const item of group) settlers.push(item.runInside());
      });
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const item of group) item.reject(reason);
      return;
    }
    for (const settle of settlers) settle();
  };

  return <T>(fn: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({
        runInside: () => {
          try {
            // Nested inside the group's transaction, better-sqlite3 makes this a savepoint.
            const value = db.transaction(fn)();
            return () => {
              resolve(value);
            };
          } catch (error) {
            return () => {
              reject(error instanceof Error ? error : new Error(String(error)));
            };
          }
        },
        reject,
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
