import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/** Random bytes for 256 ids, refilled in one call when used up. */
const pool = Buffer.alloc(16 * 256);
let used = pool.length;

/**
 * A new id for a row the hub stores and logs (contact, conversation, message, notice, SLA
 * event): a UUID v7 (RFC 9562), which begins with the millisecond it was made. Rows made
 * together then sit together in every index keyed by their id, at the hub and in every
 * console's cache. A random v4 id put each new row on a random page of each such index,
 * and every one of those pages had to be written again at the next commit.
 *
 * Not for secrets (session ids stay v4): a v7 id gives away when it was made.
 */
export function newId(): string {
  if (used === pool.length) {
    // uuid's own generator asks the OS for 16 bytes per id, which cost more than the id.
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used, used + 16);
  used += 16;
  return v7({ random });
}
