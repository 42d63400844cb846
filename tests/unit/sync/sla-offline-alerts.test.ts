import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { slaEventsFor } from '../../../src/engine/db/sla';
import { STANDARD_QUEUE_IDS } from '../../../src/shared/sla';
import {
  META_SECRET,
  TOKEN_SECRET,
  addUsers,
  sendDm,
  signedInConsole,
  tempDir,
  waitDrained,
  waitForConversation,
  waitUntil,
  type TestConsole,
} from './helpers';

/** Seconds-long targets so a clock crosses its warning point and target during the test. */
function shortPolicies(): unknown {
  const queues = Object.fromEntries(
    STANDARD_QUEUE_IDS.map((id) => [
      id,
      id === 'updates'
        ? { firstResponse: '1h', nextResponse: '1h', resolution: '1d' }
        : { firstResponse: '3s', nextResponse: '3s', resolution: '1h' },
    ]),
  );
  return { version: 1, warnAtPercent: 50, fallbackQueue: 'general', queues };
}

function hubSlaEvents(dir: string, conversationId: string): { kind: string; clock: string }[] {
  const db = new Database(hubDbPath(dir), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare("SELECT json FROM change_log WHERE entity = 'sla-event' ORDER BY seq").all() as {
        json: string;
      }[]
    )
      .map((r) => JSON.parse(r.json) as { data: { conversationId: string; kind: string; clock: string } })
      .filter((r) => r.data.conversationId === conversationId)
      .map((r) => ({ kind: r.data.kind, clock: r.data.clock }));
  } finally {
    db.close();
  }
}

let dir: string;
let hub: RunningHub;
let ids: Record<string, string>;
let alice: TestConsole;
let lena: TestConsole;

beforeAll(async () => {
  dir = tempDir('desk-sla-hub-');
  ids = await addUsers(dir, { alice: ['operator'], lena: ['lead'] });
  writeFileSync(join(dir, 'sla-policies.json'), JSON.stringify(shortPolicies()));
  hub = await startHub({ dataDir: dir, metaAppSecret: META_SECRET, tokenSecret: TOKEN_SECRET });
  alice = await signedInConsole(hub.url, 'alice');
  lena = await signedInConsole(hub.url, 'lena');
});

afterAll(async () => {
  await alice.close();
  await lena.close();
  await hub.close();
});

describe('SLA alerts through the change log', () => {
  it('raises at-risk then breached once each, and a lead who was offline receives both on reconnect', async () => {
    // The lead's console goes offline before the conversation even exists.
    await lena.engine.disconnect();
    await sendDm(hub.url, 'Can you tell me when the station front desk opens? quokka');
    const id = await waitForConversation(alice, 'quokka');
    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    await waitDrained(alice, 'claim acknowledged');

    // The hub's scheduler raises both alerts as the clock passes 50% and then 100% of 3s.
    await waitUntil(
      () => slaEventsFor(alice.engine.db, id).length === 2,
      'both alerts at the online console',
    );
    expect(slaEventsFor(alice.engine.db, id).map((e) => e.kind)).toEqual(['at-risk', 'breached']);
    expect(hubSlaEvents(dir, id)).toEqual([
      { kind: 'at-risk', clock: 'first-response' },
      { kind: 'breached', clock: 'first-response' },
    ]);
    const breach = slaEventsFor(alice.engine.db, id)[1];
    expect(breach).toMatchObject({ assigneeId: ids['alice'], queueId: 'general' });

    // The operator holding it is told about the breach on their own work.
    await waitUntil(
      () => alice.eventsOf('sla.alert').find((a) => a.conversationId === id),
      'alice told of the breach',
    );
    expect(alice.eventsOf('sla.alert').filter((a) => a.conversationId === id)).toEqual([
      expect.objectContaining({ kind: 'breached', mine: true, clock: 'first-response' }),
    ]);
    const live = await alice.call('sla.live');
    expect(live.statuses.find((s) => s.conversationId === id)).toMatchObject({
      state: 'breached',
      clock: 'first-response',
    });
    // Operators get the live state but not the reporting rows.
    expect(live.statuses.find((s) => s.conversationId === id)?.outcome).toBeNull();

    // Offline the whole time: the lead has heard nothing yet.
    expect(slaEventsFor(lena.engine.db, id)).toEqual([]);
    expect(lena.eventsOf('sla.alert')).toEqual([]);

    lena.engine.reconnect();
    await waitUntil(
      () => slaEventsFor(lena.engine.db, id).length === 2,
      'both alerts at the reconnected lead',
    );
    expect(slaEventsFor(lena.engine.db, id).map((e) => e.kind)).toEqual(['at-risk', 'breached']);
    await waitUntil(() => lena.eventsOf('sla.alert').length > 0, 'lead told of the breach');
    expect(lena.eventsOf('sla.alert')).toEqual([
      expect.objectContaining({ conversationId: id, kind: 'breached', mine: false }),
    ]);

    // The lead's dashboard, from the lead's own cache, shows the breach and counts it.
    const dashboard = await lena.call('sla.dashboard');
    expect(dashboard.breaches.map((b) => b.conversationId)).toContain(id);
    const hour = dashboard.windows.find((w) => w.key === 'hour');
    expect(hour?.byQueue['general']).toMatchObject({ breached: 1, met: 0, withinTargetShare: 0 });
    await expect(alice.call('sla.dashboard')).rejects.toThrow(/forbidden/);

    // A late reply is still a breach; nothing more is raised for that clock.
    await alice.call('actions.submit', { type: 'reply', conversationId: id, body: 'It opens at 8am.' });
    await waitDrained(alice, 'reply acknowledged');
    await waitUntil(
      () => lena.engine.getConversation(id).conversation.lastResponseAt !== null,
      'lead sees the reply',
    );
    expect(hubSlaEvents(dir, id)).toHaveLength(2);
    const after = await lena.call('sla.dashboard');
    expect(after.breaches.map((b) => b.conversationId)).not.toContain(id);
    expect(after.windows.find((w) => w.key === 'hour')?.byQueue['general']).toMatchObject({ breached: 1 });
  });

  it('answering within target raises nothing and counts as met', async () => {
    await sendDm(hub.url, 'Any update on my report please? numbat');
    const id = await waitForConversation(alice, 'numbat');
    await alice.call('actions.submit', {
      type: 'reply',
      conversationId: id,
      body: 'Hand it in at any station.',
    });
    await waitDrained(alice, 'reply acknowledged');
    let met = 0;
    for (let tries = 0; tries < 500 && met === 0; tries += 1) {
      const d = await lena.call('sla.dashboard');
      met = d.windows.find((w) => w.key === 'hour')?.byQueue['updates']?.met ?? 0;
      if (met === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(met).toBe(1);
    expect(hubSlaEvents(dir, id)).toEqual([]);
    expect(alice.engine.getConversation(id).conversation.responseDueAt).toBeNull();
  });

  it('lets leads change policies, audited; refuses operators and invalid policies', async () => {
    const current = (await lena.call('sla.policy')).policy;
    expect(current?.updatedBy).toBeNull();
    const edited = structuredClone(current?.policies) as Record<string, unknown> & {
      queues: Record<string, Record<string, unknown>>;
    };
    const crime = edited.queues['crime'] ?? {};
    edited.queues['crime'] = { ...crime, firstResponse: '20m', nextResponse: '20m' };

    const refused = await alice.call('actions.submit', { type: 'set-sla-policy', policies: edited as never });
    await waitUntil(
      () => alice.eventsOf('action.outcome').find((o) => o.opId === refused.opId),
      'operator refused',
    );
    expect(alice.eventsOf('action.outcome').find((o) => o.opId === refused.opId)).toMatchObject({
      outcome: 'rejected',
    });

    await lena.call('actions.submit', { type: 'set-sla-policy', policies: edited as never });
    await waitDrained(lena, 'policy change acknowledged');
    await waitUntil(
      () => alice.engine.db.prepare("SELECT data FROM sla_policy WHERE data LIKE '%20m%'").get(),
      'policy reaches the operator',
    );
    expect((await alice.call('sla.policy')).policy).toMatchObject({ updatedBy: ids['lena'] });

    const broken = {
      ...edited,
      queues: { ...edited.queues, crime: { ...crime, firstResponse: '15 minutes' } },
    };
    await expect(
      lena.call('actions.submit', { type: 'set-sla-policy', policies: broken as never }),
    ).rejects.toThrow(/invalid/);

    const db = new Database(hubDbPath(dir), { readonly: true, fileMustExist: true });
    try {
      const audited = db
        .prepare("SELECT actor_id AS actor, action FROM audit WHERE action LIKE '%sla%' ORDER BY id")
        .all();
      expect(audited).toEqual([
        { actor: ids['alice'], action: 'op.set-sla-policy' },
        { actor: ids['lena'], action: 'sla.policies-changed' },
        { actor: ids['lena'], action: 'op.set-sla-policy' },
      ]);
    } finally {
      db.close();
    }
  });
});
