import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/engine/db/meta';
import {
  engineConfirmedState,
  hubVisibleState,
  metaDmBody,
  postMeta,
  sendDm,
  signedInConsole,
  startDesk,
  stateHashes,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** Public messages from many people through the real webhook path, 800 per delivery. */
async function flood(hubUrl: string, count: number, word: string): Promise<void> {
  for (let sent = 0; sent < count; sent += 800) {
    const messages = Array.from({ length: Math.min(800, count - sent) }, (_, i) => ({
      senderId: `flood-${randomUUID()}`,
      mid: `m_${randomUUID()}`,
      text: `${word} report number ${String(sent + i)}`,
    }));
    const status = await postMeta(hubUrl, metaDmBody(messages));
    if (status !== 200) throw new Error(`webhook answered ${String(status)}`);
  }
}

const tokenOf = (c: TestConsole): string => {
  const token = getMeta(c.engine.db, 'token');
  if (token === null) throw new Error('no token');
  return token;
};

/** Waits until the console has every change up to `head` and has nothing left to send. */
async function waitLevel(c: TestConsole, head: () => number, timeoutMs: number): Promise<void> {
  await waitUntil(() => c.engine.connectionState().lastSeq === head(), 'alice level with the hub', timeoutMs);
  await waitDrained(c, 'alice online');
}

/** `word` finds `total` conversations in the console, and its cache equals the hub's view. */
async function expectFoundAndMatching(
  desk: Desk,
  c: TestConsole,
  word: string,
  total: number,
): Promise<void> {
  const list = await c.call('conversations.list', { filter: { search: word }, offset: 0, limit: 1 });
  expect(list.total).toBe(total);
  const hub = stateHashes(await hubVisibleState(desk.hub.url, tokenOf(c)));
  expect(stateHashes(engineConfirmedState(c.engine))).toEqual(hub);
}

describe('a console far behind', () => {
  it('10,000 changes behind, it catches up in pages and its cache matches the hub', async () => {
    const desk: Desk = await startDesk({ alice: ['operator'] });
    cleanup.push(() => desk.hub.close());
    const alice = await signedInConsole(desk.hub.url, 'alice');
    cleanup.push(() => alice.close());
    await sendDm(desk.hub.url, 'first message before going away, tapir');
    await waitForConversation(alice, 'tapir');
    await alice.engine.disconnect();
    const behindAt = alice.engine.connectionState().lastSeq;

    await flood(desk.hub.url, 3400, 'wildebeest');
    expect(desk.hub.headSeq() - behindAt).toBeGreaterThanOrEqual(10_000);

    const changedBefore = alice.eventsOf('data.changed').length;
    alice.engine.reconnect();
    await waitLevel(alice, () => desk.hub.headSeq(), 60_000);
    // Pulled in pages (1,000 changes each), each applied and announced on its own.
    expect(alice.eventsOf('data.changed').length - changedBefore).toBeGreaterThanOrEqual(10);

    // Every sender's message opened its own conversation, plus the one from before.
    const list = await alice.call('conversations.list', { filter: {}, offset: 0, limit: 1 });
    expect(list.total).toBe(3401);
    const found = await alice.call('conversations.list', {
      filter: { search: 'wildebeest 3399' },
      offset: 0,
      limit: 5,
    });
    expect(found.rows.map((r) => r.conversation.preview)).toEqual([expect.stringContaining('number 3399')]);
    await expectFoundAndMatching(desk, alice, 'wildebeest 3399', 1);
  });

  it('when its link drops halfway through catching up, it resumes where it stopped and matches the hub', async () => {
    const desk: Desk = await startDesk({ alice: ['operator'] });
    cleanup.push(() => desk.hub.close());
    const logged: string[] = [];
    // Small pages, so the drop lands between pages with the next one already asked for.
    const alice = await signedInConsole(desk.hub.url, 'alice', undefined, {
      sync: { pullLimit: 100 },
      log: (line) => logged.push(line),
    });
    cleanup.push(() => alice.close());
    await sendDm(desk.hub.url, 'before going away, okapi');
    await waitForConversation(alice, 'okapi');
    await alice.engine.disconnect();
    const behindAt = alice.engine.connectionState().lastSeq;
    await flood(desk.hub.url, 1000, 'pangolin');
    const head = desk.hub.headSeq();

    alice.engine.reconnect();
    while (alice.engine.connectionState().lastSeq === behindAt) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await alice.engine.disconnect();
    const stoppedAt = alice.engine.connectionState().lastSeq;
    expect(stoppedAt).toBeGreaterThan(behindAt);
    expect(stoppedAt).toBeLessThan(head);

    alice.engine.reconnect();
    await waitLevel(alice, () => head, 60_000);
    // The page asked for before the drop failed quietly: no catch-up error was logged.
    expect(logged.filter((line) => line.includes('catch-up failed'))).toEqual([]);
    await expectFoundAndMatching(desk, alice, 'pangolin', 1000);
  });

  it('behind the change log it takes a snapshot in pages, drops what is gone, and matches the hub', async () => {
    const desk: Desk = await startDesk({ alice: ['operator'] }, { changeLogRetentionMs: 1 });
    cleanup.push(() => desk.hub.close());
    const logged: string[] = [];
    const alice = await signedInConsole(desk.hub.url, 'alice', undefined, {
      sync: { snapshotLimit: 40, ackTimeoutMs: 5_000 },
      log: (line) => logged.push(line),
    });
    cleanup.push(() => alice.close());
    await sendDm(desk.hub.url, 'before the gap, dugong');
    await waitForConversation(alice, 'dugong');
    await alice.engine.disconnect();
    // Conversations the hub never had: one as its view row alone (as nearly every row is),
    // one with a confirmed copy beside it as if an action were pending. Both must go.
    for (const ghost of ['ghost', 'ghost-with-copy']) {
      alice.engine.db
        .prepare(
          `INSERT INTO conversations (id, queue_id, status, assignee_id, platform, language, priority, contact_id,
                                      due_key, last_inbound_at, pending, data)
           SELECT @ghost, queue_id, status, assignee_id, platform, language, priority, contact_id,
                  due_key, last_inbound_at, 0, json_set(data, '$.id', @ghost) FROM conversations LIMIT 1`,
        )
        .run({ ghost });
    }
    alice.engine.db.exec(
      `INSERT INTO hub_conversations (id, data) SELECT id, data FROM conversations WHERE id = 'ghost-with-copy'`,
    );

    await flood(desk.hub.url, 150, 'manatee');
    // The hub prunes its log every second when retention is this short.
    await new Promise((resolve) => setTimeout(resolve, 2_200));

    alice.engine.reconnect();
    await waitLevel(alice, () => desk.hub.headSeq(), 30_000);
    expect(logged.some((line) => line.includes('taking a snapshot'))).toBe(true);
    expect(
      alice.engine.db
        .prepare(
          `SELECT id FROM conversations WHERE id LIKE 'ghost%' UNION ALL SELECT id FROM hub_conversations WHERE id LIKE 'ghost%'`,
        )
        .all(),
    ).toEqual([]);
    await expectFoundAndMatching(desk, alice, 'manatee', 150);
  });
});
