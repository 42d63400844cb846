import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheDb } from '../../../../src/engine/db/handle';
import {
  UNDELIVERED_KEEP_MS,
  keepUndelivered,
  markDelivered,
  undeliveredFor,
} from '../../../../src/engine/db/undelivered';
import type { Notice } from '../../../../src/shared/protocol/changes';
import { noticeKey, outcomeKey, type Undelivered } from '../../../../src/shared/ipc/undelivered';
import { freshDb, T0 } from '../fixtures';

const dbs: CacheDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
const open = (): CacheDb => {
  const db = freshDb();
  dbs.push(db);
  return db;
};

const notice = (operatorId: string, createdAt: number, text = 'A lead moved work to you.'): Undelivered => {
  const payload: Notice = {
    id: randomUUID(),
    operatorId,
    kind: 'assigned-to-you',
    conversationId: null,
    text,
    createdAt,
  };
  return { key: noticeKey(payload), event: 'notice', payload };
};
const refusal = (): Undelivered => {
  const payload = {
    opId: randomUUID(),
    type: 'claim',
    outcome: 'rejected' as const,
    reason: 'Already claimed by bob.',
    code: 'conflict' as const,
  };
  return { key: outcomeKey(payload), event: 'action.outcome', payload };
};

describe('undelivered events', () => {
  it('offers each once, oldest first, the newest `limit` of them', () => {
    const db = open();
    const items = [notice('ann', T0 + 3), refusal(), notice('ann', T0 + 1)];
    keepUndelivered(db, 'ann', items[0] as Undelivered, T0 + 3);
    keepUndelivered(db, 'ann', items[1] as Undelivered, T0 + 2);
    keepUndelivered(db, 'ann', items[2] as Undelivered, T0 + 1);
    // The same event kept again (a batch replayed) is still one.
    keepUndelivered(db, 'ann', items[0] as Undelivered, T0 + 9);
    expect(undeliveredFor(db, 'ann', 10)).toEqual([items[2], items[1], items[0]]);
    expect(undeliveredFor(db, 'ann', 2)).toEqual([items[1], items[0]]);
  });

  it("forgets only what the window showed, and only the operator's own", () => {
    const db = open();
    const ann = notice('ann', T0);
    const bob = notice('bob', T0);
    keepUndelivered(db, 'ann', ann, T0);
    keepUndelivered(db, 'bob', bob, T0);
    expect(undeliveredFor(db, 'bob', 10)).toEqual([bob]);
    expect(markDelivered(db, 'ann', [bob.key, 'notice:never-kept'])).toBe(0);
    expect(undeliveredFor(db, 'bob', 10)).toEqual([bob]);
    expect(markDelivered(db, 'ann', [ann.key])).toBe(1);
    expect(undeliveredFor(db, 'ann', 10)).toEqual([]);
    expect(undeliveredFor(db, 'bob', 10)).toEqual([bob]);
  });

  it('lets events that waited longer than a week go when new ones come', () => {
    const db = open();
    const old = notice('ann', T0);
    const recent = notice('ann', T0 + UNDELIVERED_KEEP_MS);
    keepUndelivered(db, 'ann', old, T0);
    keepUndelivered(db, 'ann', recent, T0 + UNDELIVERED_KEEP_MS);
    expect(undeliveredFor(db, 'ann', 10)).toEqual([old, recent]);
    const next = notice('ann', T0 + UNDELIVERED_KEEP_MS + 1);
    keepUndelivered(db, 'ann', next, T0 + UNDELIVERED_KEEP_MS + 1);
    expect(undeliveredFor(db, 'ann', 10)).toEqual([recent, next]);
  });

  it('passes over a row this version cannot read, and leaves it for one that can', () => {
    const db = open();
    const readable = notice('ann', T0 + 1);
    keepUndelivered(db, 'ann', readable, T0 + 1);
    db.prepare(
      `INSERT INTO undelivered (key, operator_id, event, payload, created_at)
       VALUES ('future:1', 'ann', 'future', '{"event":"future","key":"future:1"}', ?),
              ('broken:1', 'ann', 'notice', 'not json', ?)`,
    ).run(T0, T0);
    expect(undeliveredFor(db, 'ann', 10)).toEqual([readable]);
    expect(db.prepare('SELECT count(*) FROM undelivered').pluck().get()).toBe(3);
  });
});
