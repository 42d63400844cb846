import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { hubRows } from '../../support/hub';
import {
  addUsers,
  freePort,
  openConsole,
  sendDm,
  signedInConsole,
  startChildHub,
  startDesk,
  tally,
  tempDir,
  waitDrained,
  waitForConversation,
  waitUntil,
  type ChildHub,
  type Desk,
  type TestConsole,
} from './helpers';

/** This operator's operations as the hub applied them, in the order it applied them. */
const appliedInOrder = (hubDir: string, operatorId: string): { opId: string; consoleSeq: number }[] =>
  hubRows(
    hubDir,
    'SELECT op_id AS opId, console_seq AS consoleSeq FROM applied_operations WHERE operator_id = ? ORDER BY rowid',
    operatorId,
  );

interface OutboxEntry {
  readonly opId: string;
  readonly consoleSeq: number;
  readonly state: string;
  readonly attempts: number;
  readonly lastError: string | null;
}

const outboxRows = (c: TestConsole): OutboxEntry[] =>
  c.engine.db
    .prepare(
      `SELECT op_id AS opId, console_seq AS consoleSeq, state, attempts, last_error AS lastError
       FROM outbox ORDER BY console_seq`,
    )
    .all() as OutboxEntry[];

/** A claim and `notes` notes on one conversation, taken offline; returns them in order. */
async function queueOffline(c: TestConsole, conversationId: string, notes: number): Promise<string[]> {
  await c.engine.disconnect();
  const opIds = [(await c.call('actions.submit', { type: 'claim', conversationId })).opId];
  for (let i = 0; i < notes; i += 1) {
    const body = `offline note ${String(i)}`;
    opIds.push((await c.call('actions.submit', { type: 'note', conversationId, body })).opId);
  }
  // The console's own order is the order they were taken.
  expect(outboxRows(c).map((r) => r.opId)).toEqual(opIds);
  return opIds;
}

/** Every one applied exactly once, and in the order the console took them. */
function expectAppliedOnceInOrder(hubDir: string, operatorId: string, opIds: readonly string[]): void {
  const applied = appliedInOrder(hubDir, operatorId).filter((a) => opIds.includes(a.opId));
  const counts = tally(applied.map((a) => a.opId));
  expect(opIds.map((id) => counts.get(id) ?? 0)).toEqual(opIds.map(() => 1));
  expect(applied.map((a) => a.opId)).toEqual(opIds);
  const seqs = applied.map((a) => a.consoleSeq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
}

const noteBodies = (c: TestConsole, id: string): string[] =>
  c.engine
    .getConversation(id)
    .messages.filter((m) => m.direction === 'note' && !m.pending)
    .map((m) => m.body);

describe('pipelined outbox replay against an in-process hub', () => {
  let desk: Desk;
  let alice: TestConsole;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    desk = await startDesk({ alice: ['lead'] });
    alice = await signedInConsole(desk.hub.url, 'alice');
    cleanup.push(
      () => desk.hub.close(),
      () => alice.close(),
    );
  });

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('applies many offline actions exactly once each, in the order they were taken', async () => {
    await sendDm(desk.hub.url, 'A lorry has shed its load on the bypass, quokka');
    const id = await waitForConversation(alice, 'quokka');
    const opIds = await queueOffline(alice, id, 299);

    alice.engine.reconnect();
    await waitDrained(alice, 'the replay acknowledged', 40_000);

    expectAppliedOnceInOrder(desk.dir, desk.ids['alice'] ?? '', opIds);
    // Every answer reached the operator, once each.
    const outcomes = alice.eventsOf('action.outcome').filter((o) => opIds.includes(o.opId));
    expect(outcomes.filter((o) => o.outcome === 'accepted').map((o) => o.opId)).toEqual(opIds);
    // The view holds the hub's rows, no optimistic leftovers.
    expect(noteBodies(alice, id)).toHaveLength(299);
    expect(alice.engine.getConversation(id).messages.filter((m) => m.pending)).toEqual([]);
    expect(alice.engine.getConversation(id).conversation.assigneeId).toBe(desk.ids['alice']);
  });

  it('loses nothing and applies nothing twice when the link is cut mid-replay', async () => {
    await sendDm(desk.hub.url, 'My car was broken into overnight, axolotl');
    const id = await waitForConversation(alice, 'axolotl');
    const opIds = await queueOffline(alice, id, 599);

    alice.engine.reconnect();
    await waitUntil(
      () => appliedInOrder(desk.dir, desk.ids['alice'] ?? '').some((a) => opIds.includes(a.opId)),
      'replay under way',
    );
    await alice.engine.disconnect();
    expect(alice.engine.connectionState().pendingActions).toBeGreaterThan(0);
    // Some in flight when the link went may have been applied without their answer arriving.
    await new Promise((resolve) => setTimeout(resolve, 200));

    alice.engine.reconnect();
    await waitDrained(alice, 'the replay finished after the cut', 40_000);
    expectAppliedOnceInOrder(desk.dir, desk.ids['alice'] ?? '', opIds);
    expect([...noteBodies(alice, id)].sort()).toEqual(
      Array.from({ length: 599 }, (_, i) => `offline note ${String(i)}`).sort(),
    );
  });

  describe('when the hub fails to apply one action', () => {
    let hubDb: Database.Database;
    beforeAll(() => {
      hubDb = new Database(hubDbPath(desk.dir));
      cleanup.push(() => {
        hubDb.close();
        return Promise.resolve();
      });
    });

    // A trigger on the hub's own database makes applying exactly that action throw.
    const failApplying = (opId: string): void => {
      hubDb.exec(`DROP TRIGGER IF EXISTS fail_one`);
      hubDb.exec(
        `CREATE TRIGGER fail_one BEFORE INSERT ON applied_operations WHEN NEW.op_id = '${opId}'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
    };
    const stopFailing = (): void => {
      hubDb.exec(`DROP TRIGGER IF EXISTS fail_one`);
    };

    it('holds back the later ones without counting against them, then resends in order', async () => {
      await sendDm(desk.hub.url, 'Suspicious package at the bus station, narwhal');
      const id = await waitForConversation(alice, 'narwhal');
      const opIds = await queueOffline(alice, id, 40);
      const failing = opIds[10] ?? '';
      failApplying(failing);

      alice.engine.reconnect();
      await waitUntil(
        () => (outboxRows(alice).find((r) => r.opId === failing)?.attempts ?? 0) >= 2,
        'the failed action tried again',
      );
      // Those before it are applied; none after it is, and no refusal was held against them.
      const applied = appliedInOrder(desk.dir, desk.ids['alice'] ?? '').map((a) => a.opId);
      expect(opIds.filter((opId) => applied.includes(opId))).toEqual(opIds.slice(0, 10));
      const rows = outboxRows(alice);
      expect(rows.find((r) => r.opId === failing)?.lastError).toMatch(/could not apply/);
      const later = rows.filter((r) => opIds.slice(11).includes(r.opId));
      expect(later.map((r) => [r.state, r.attempts])).toEqual(opIds.slice(11).map(() => ['queued', 0]));

      stopFailing();
      await waitDrained(alice, 'the replay finished once the hub recovered', 40_000);
      expectAppliedOnceInOrder(desk.dir, desk.ids['alice'] ?? '', opIds);
      const outcomes = alice.eventsOf('action.outcome').filter((o) => opIds.includes(o.opId));
      expect(outcomes.filter((o) => o.outcome === 'rejected')).toEqual([]);
    });

    it('does not give up on an action for link drops: only answers from the hub count', async () => {
      await sendDm(desk.hub.url, 'Someone is trying car door handles on my street, pangolin');
      const id = await waitForConversation(alice, 'pangolin');
      const opIds = await queueOffline(alice, id, 2);
      const first = opIds[0] ?? '';
      // As after four tries lost to a dropping link (timeouts, a hub that vanished).
      alice.engine.db.prepare('UPDATE outbox SET attempts = 4 WHERE op_id = ?').run(first);
      failApplying(first);

      alice.engine.reconnect();
      const attemptsOfFirst = (): number | undefined =>
        outboxRows(alice).find((r) => r.opId === first)?.attempts;
      await waitUntil(() => (attemptsOfFirst() ?? 5) >= 5, 'the hub failed the action once');
      // One passing hub error after four lost links: the action is still queued, not rolled back.
      expect(attemptsOfFirst()).toBe(5);

      stopFailing();
      // A fresh connection resends at once instead of waiting out the back-off.
      alice.engine.reconnect();
      await waitDrained(alice, 'the action applied once the hub recovered', 40_000);
      expectAppliedOnceInOrder(desk.dir, desk.ids['alice'] ?? '', opIds);
      const outcomes = alice.eventsOf('action.outcome').filter((o) => opIds.includes(o.opId));
      expect(outcomes.filter((o) => o.outcome === 'rejected')).toEqual([]);
    });

    it('rolls back only the action that keeps failing; the later ones still apply, in order', async () => {
      await sendDm(desk.hub.url, 'Lost dog near the marina, okapi');
      const id = await waitForConversation(alice, 'okapi');
      const opIds = await queueOffline(alice, id, 12);
      const failing = opIds[4] ?? '';
      failApplying(failing);

      alice.engine.reconnect();
      await waitDrained(alice, 'the replay finished without the failing action', 40_000);
      stopFailing();

      const rest = opIds.filter((opId) => opId !== failing);
      expectAppliedOnceInOrder(desk.dir, desk.ids['alice'] ?? '', rest);
      expect(appliedInOrder(desk.dir, desk.ids['alice'] ?? '').map((a) => a.opId)).not.toContain(failing);
      const outcomes = alice.eventsOf('action.outcome').filter((o) => opIds.includes(o.opId));
      expect(outcomes.filter((o) => o.outcome === 'rejected').map((o) => o.opId)).toEqual([failing]);
      expect(noteBodies(alice, id)).not.toContain('offline note 3');
      expect(noteBodies(alice, id)).toHaveLength(11);
    });
  });
});

describe('outbox rows this version cannot read', () => {
  it('are set aside verbatim and the operator told; the actions after them still reach the hub', async () => {
    const desk = await startDesk({ alice: ['operator'] });
    const alice = await signedInConsole(desk.hub.url, 'alice');
    const aliceId = desk.ids['alice'] ?? '';
    try {
      await sendDm(desk.hub.url, 'Hello there, tapir');
      const id = await waitForConversation(alice, 'tapir');
      await alice.engine.disconnect();
      const opIds: string[] = [];
      for (const body of ['unknown kind', 'damaged', 'still good']) {
        opIds.push((await alice.call('actions.submit', { type: 'note', conversationId: id, body })).opId);
      }
      const [unknownKind = '', damaged = '', good = ''] = opIds;
      // As a newer version left them before IT rolled it back: an action type this one does
      // not know, and a payload that is not JSON at all, both queued ahead of a good one.
      const setPayload = alice.engine.db.prepare('UPDATE outbox SET payload = ? WHERE op_id = ?');
      setPayload.run(
        JSON.stringify({ type: 'retired-op', opId: unknownKind, conversationId: id, extra: 'é ✓' }),
        unknownKind,
      );
      setPayload.run('{"type":"note","body":"cut off', damaged);
      const written = alice.engine.db
        .prepare('SELECT op_id AS opId, console_seq AS consoleSeq, payload FROM outbox ORDER BY console_seq')
        .all() as { opId: string; consoleSeq: number; payload: string }[];
      await alice.close();

      const lines: string[] = [];
      const again = openConsole(alice.dataDir, { log: (line) => lines.push(line) });
      try {
        // The stored session reconnects at start; the good action goes out past the bad ones.
        await waitDrained(again, 'the good action sent past the unreadable ones', 15_000);
        expect(appliedInOrder(desk.dir, aliceId).map((a) => a.opId)).toEqual([good]);
        expect(noteBodies(again, id)).toEqual(['still good']);
        // Nothing deleted: both kept as written, with why they could not be read.
        const setAside = again.engine.db
          .prepare(
            `SELECT op_id AS opId, console_seq AS consoleSeq, payload, operator_id AS operatorId, state, reason
             FROM outbox_quarantine ORDER BY console_seq`,
          )
          .all() as {
          opId: string;
          consoleSeq: number;
          payload: string;
          operatorId: string;
          state: string;
          reason: string;
        }[];
        expect(setAside.map(({ opId, consoleSeq, payload }) => ({ opId, consoleSeq, payload }))).toEqual(
          written.filter((w) => w.opId !== good),
        );
        expect(setAside.map((r) => [r.operatorId, r.state])).toEqual([
          [aliceId, 'queued'],
          [aliceId, 'queued'],
        ]);
        expect(setAside[0]?.reason).toMatch(/^A row in the console cache table outbox is damaged: /);
        expect(setAside[1]?.reason).toMatch(/not JSON/);
        // The operator is told, once per action, and the status bar keeps saying so.
        const notices = again.eventsOf('notice').filter((n) => n.kind === 'outbox-set-aside');
        expect(notices.map((n) => [n.id, n.operatorId, n.text])).toEqual(
          [unknownKind, damaged].map((opId) => [
            `outbox-set-aside:${opId}`,
            aliceId,
            'One action saved on this console could not be read by this version and was set aside; it was not sent. Tell IT.',
          ]),
        );
        expect(again.engine.connectionState().setAsideActions).toBe(2);
        expect(again.engine.connectionState().pendingActions).toBe(0);
        // Their optimistic notes no longer show as waiting to sync.
        expect(again.engine.getConversation(id).messages.filter((m) => m.pending)).toEqual([]);
        expect(lines.filter((line) => line.startsWith('[outbox] set aside action'))).toHaveLength(2);
        expect(lines.filter((line) => line.startsWith('[outbox] sending stopped'))).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      await desk.hub.close();
    }
  });
});

describe('pipelined outbox replay when the hub process is killed mid-replay', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('resends everything unacknowledged after the restart, applying each once and in order', async () => {
    const dir = tempDir('desk-sync-pipeline-kill-');
    const ids = await addUsers(dir, { alice: ['operator'] });
    const port = await freePort();
    let hub: ChildHub = await startChildHub(dir, port);
    cleanup.push(() => hub.kill());
    const alice = await signedInConsole(hub.url, 'alice');
    cleanup.push(() => alice.close());
    await sendDm(hub.url, 'Someone is shouting outside my flat, wombat');
    const id = await waitForConversation(alice, 'wombat');
    const opIds = await queueOffline(alice, id, 599);

    alice.engine.reconnect();
    await waitUntil(
      () => appliedInOrder(dir, ids['alice'] ?? '').some((a) => opIds.includes(a.opId)),
      'replay under way',
      30_000,
    );
    await hub.kill('SIGKILL');
    await waitUntil(() => alice.engine.connectionState().status === 'offline', 'alice sees the hub go');
    expect(alice.engine.connectionState().pendingActions).toBeGreaterThan(0);

    hub = await startChildHub(dir, port);
    await waitDrained(alice, 'alice outbox empty after the hub restarts', 40_000);
    expectAppliedOnceInOrder(dir, ids['alice'] ?? '', opIds);
    expect([...noteBodies(alice, id)].sort()).toEqual(
      Array.from({ length: 599 }, (_, i) => `offline note ${String(i)}`).sort(),
    );
  });
});
