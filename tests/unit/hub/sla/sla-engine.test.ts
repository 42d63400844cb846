import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubContext } from '../../../../src/hub/context';
import { hubDbPath, openHubDb, type HubDb } from '../../../../src/hub/db/connection';
import { getConversation } from '../../../../src/hub/db/conversations';
import { getSlaConversation, readSlaTimeline } from '../../../../src/hub/db/sla';
import { ingestInbound } from '../../../../src/hub/ingest';
import { putConversation } from '../../../../src/hub/record';
import { startHub } from '../../../../src/hub/server';
import { loadSlaPoliciesAtStart } from '../../../../src/hub/sla/startup';
import { seedDefaults } from '../../../../src/hub/users';
import { contextOver, tempDir } from '../helpers';

const MIN = 60_000;
const T0 = Date.UTC(2025, 8, 10, 9, 0, 0);

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A hub context over a real database file with a clock the test moves. */
function standalone(dataDir: string, clock: { now: number }): { ctx: HubContext; db: HubDb } {
  const db = openHubDb(dataDir);
  cleanups.push(() => {
    db.close();
  });
  seedDefaults(db, clock.now);
  loadSlaPoliciesAtStart(db, dataDir, clock.now, () => undefined);
  return { ctx: contextOver(db, () => clock.now), db };
}

let n = 0;
function inbound(ctx: HubContext, text: string, senderId = 'psid-1'): string {
  n += 1;
  const result = ingestInbound(ctx, {
    platform: 'facebook',
    kind: 'dm',
    platformMessageId: `m-${String(n)}`,
    senderId,
    senderName: 'Sam',
    text,
    accountId: 'PAGE1',
    replyToId: null,
  });
  if (!result.stored) throw new Error('not stored');
  return result.conversationId;
}

function slaEvents(db: HubDb, conversationId: string): { kind: string; clock: string; at: number }[] {
  return (
    db.prepare("SELECT json FROM change_log WHERE entity = 'sla-event' ORDER BY seq").all() as {
      json: string;
    }[]
  )
    .map(
      (r) =>
        (JSON.parse(r.json) as { data: { conversationId: string; kind: string; clock: string; at: number } })
          .data,
    )
    .filter((e) => e.conversationId === conversationId)
    .map((e) => ({ kind: e.kind, clock: e.clock, at: e.at }));
}

function sla(db: HubDb, id: string) {
  const status = getSlaConversation(db, id)?.status;
  if (status === undefined || status === null) throw new Error('no SLA status');
  return status;
}

describe('hub SLA engine', () => {
  it('sets responseDueAt from the policies and follows pauses, replies and reopening', () => {
    const clock = { now: T0 };
    const { ctx, db } = standalone(dir(), clock);
    const id = inbound(ctx, 'What time does the front desk open?');
    expect(getConversation(db, id)).toMatchObject({ queueId: 'general', responseDueAt: T0 + 60 * MIN });
    expect(sla(db, id)).toMatchObject({ state: 'ok', clock: 'first-response', warnAt: T0 + 45 * MIN });

    // Waiting on the public pauses the clock: no due time while paused.
    clock.now = T0 + 10 * MIN;
    const c1 = getConversation(db, id);
    if (c1 === null) throw new Error('gone');
    ctx.commit(() => putConversation(db, clock.now, { ...c1, status: 'waiting-on-public' }));
    expect(getConversation(db, id)?.responseDueAt).toBeNull();
    expect(sla(db, id)).toMatchObject({ state: 'paused', remainingMs: 50 * MIN });

    // They write again 30 minutes later: the clock carries on with 50 minutes left.
    clock.now = T0 + 40 * MIN;
    inbound(ctx, 'Hello? Still need to know.');
    expect(getConversation(db, id)).toMatchObject({ status: 'open', responseDueAt: T0 + 90 * MIN });

    // An answer stops the response clock; the resolution clock keeps running.
    clock.now = T0 + 50 * MIN;
    const c2 = getConversation(db, id);
    if (c2 === null) throw new Error('gone');
    ctx.commit(() =>
      putConversation(db, clock.now, { ...c2, lastResponseAt: clock.now, firstResponseAt: clock.now }),
    );
    expect(getConversation(db, id)?.responseDueAt).toBeNull();
    expect(sla(db, id)).toMatchObject({ state: 'ok', clock: 'resolution' });
    expect(sla(db, id).outcome).toMatchObject({ firstResponseStatus: 'met', firstResponseMs: 20 * MIN });

    // Resolved, then the public writes again: reopened, with a next-response clock.
    clock.now = T0 + 55 * MIN;
    const c3 = getConversation(db, id);
    if (c3 === null) throw new Error('gone');
    ctx.commit(() => putConversation(db, clock.now, { ...c3, status: 'resolved' }));
    expect(sla(db, id).state).toBe('none');
    clock.now = T0 + 70 * MIN;
    inbound(ctx, 'Sorry, one more thing');
    expect(sla(db, id)).toMatchObject({ state: 'ok', clock: 'next-response', dueAt: T0 + 130 * MIN });
    // Writing while waiting on the public makes it open again, then starts nothing new.
    expect(readSlaTimeline(db, id).map((e) => e.type)).toEqual([
      'inbound',
      'status',
      'status',
      'inbound',
      'outbound',
      'status',
      'reopened',
      'inbound',
    ]);
  });

  it('a move to a tighter queue breaches at once, and the breach stays after moving back', () => {
    const clock = { now: T0 };
    const { ctx, db } = standalone(dir(), clock);
    const id = inbound(ctx, 'What time does the front desk open?');
    clock.now = T0 + 5 * MIN;
    const c = getConversation(db, id);
    if (c === null) throw new Error('gone');
    ctx.commit(() => putConversation(db, clock.now, { ...c, queueId: 'emergency' }));
    expect(slaEvents(db, id)).toEqual([{ kind: 'breached', clock: 'first-response', at: T0 + 5 * MIN }]);
    expect(getConversation(db, id)?.responseDueAt).toBe(T0 + 2 * MIN);
    clock.now = T0 + 6 * MIN;
    const moved = getConversation(db, id);
    if (moved === null) throw new Error('gone');
    ctx.commit(() => putConversation(db, clock.now, { ...moved, queueId: 'general' }));
    expect(sla(db, id)).toMatchObject({ state: 'breached', queueId: 'general' });
    expect(slaEvents(db, id)).toHaveLength(1);
  });

  it('raises a breach that came due while the hub was down on restart, stamped when it happened, once', async () => {
    const dataDir = dir();
    // Ingest through the real code path at T0, then the hub is down for two hours.
    const clock = { now: T0 };
    const { ctx, db } = standalone(dataDir, clock);
    const id = inbound(ctx, 'What time does the front desk open?');
    expect(slaEvents(db, id)).toEqual([]);
    db.close();
    cleanups.pop();

    const now = T0 + 2 * 60 * MIN;
    const second = await startHub({ dataDir, now: () => now });
    await second.close();
    const third = await startHub({ dataDir, now: () => now + MIN });
    await third.close();
    const check = new Database(hubDbPath(dataDir), { readonly: true });
    try {
      // Straight from ok to breached: the warning would be stale news, so only the breach is raised.
      expect(slaEvents(check, id)).toEqual([
        { kind: 'breached', clock: 'first-response', at: T0 + 60 * MIN },
      ]);
      const status = (
        check
          .prepare("SELECT json FROM change_log WHERE entity = 'sla-status' ORDER BY seq DESC LIMIT 1")
          .get() as {
          json: string;
        }
      ).json;
      expect(JSON.parse(status)).toMatchObject({
        data: { conversationId: id, state: 'breached', outcome: { firstResponseStatus: 'breached' } },
      });
    } finally {
      check.close();
    }
  });

  it('loads the data directory policy file over the shipped one, and refuses a bad one with its place', async () => {
    const dataDir = dir();
    const queues = Object.fromEntries(
      ['emergency', 'crime', 'safeguarding', 'intelligence', 'updates', 'general'].map((q) => [
        q,
        { firstResponse: '10m', nextResponse: '10m', resolution: '1d' },
      ]),
    );
    writeFileSync(
      join(dataDir, 'sla-policies.json'),
      JSON.stringify({ version: 1, fallbackQueue: 'general', queues }),
    );
    const clock = { now: T0 };
    const { ctx, db } = standalone(dataDir, clock);
    const id = inbound(ctx, 'What time does the front desk open?');
    expect(getConversation(db, id)?.responseDueAt).toBe(T0 + 10 * MIN);
    db.close();
    cleanups.pop();

    writeFileSync(
      join(dataDir, 'sla-policies.json'),
      JSON.stringify({
        version: 1,
        fallbackQueue: 'general',
        queues: { ...queues, crime: { firstResponse: '15 minutes' } },
      }),
    );
    await expect(startHub({ dataDir })).rejects.toThrow(
      /queues\.crime\.firstResponse: "15 minutes" is not a duration/,
    );
  });
});
