import { describe, expect, it } from 'vitest';
import {
  STANDARD_QUEUE_IDS,
  computeSla,
  slaOutcomes,
  type SlaClockState,
  type SlaEvent,
  type SlaTimeline,
} from '../../../../src/shared/sla';
import { prioritySchema } from '../../../../src/shared/domain';
import { MIN, T0, defaultPolicies, pick, seeded } from './fixtures';

const policies = defaultPolicies();

/** A random but plausible conversation: mostly messages, some status, queue and priority changes. */
function generate(rand: () => number, withMoves: boolean): SlaTimeline {
  const events: SlaEvent[] = [];
  let at = T0;
  const count = 1 + Math.floor(rand() * 14);
  for (let i = 0; i < count; i += 1) {
    if (i > 0) at += Math.floor(rand() * 90) * MIN + Math.floor(rand() * 60_000);
    const roll = rand();
    if (i === 0 || roll < 0.3) events.push({ type: 'inbound', at });
    else if (roll < 0.55) events.push({ type: 'outbound', at });
    else if (roll < 0.7) events.push({ type: 'status', at, status: 'waiting-on-public' });
    else if (roll < 0.8) events.push({ type: 'status', at, status: 'resolved' });
    else if (roll < 0.86) events.push({ type: 'reopened', at });
    else if (roll < 0.9) events.push({ type: 'status', at, status: 'open' });
    else if (withMoves && roll < 0.95)
      events.push({ type: 'queue', at, queueId: pick(rand, STANDARD_QUEUE_IDS) });
    else if (withMoves) events.push({ type: 'priority', at, priority: pick(rand, prioritySchema.options) });
    else events.push({ type: 'inbound', at });
  }
  return { queueId: pick(rand, STANDARD_QUEUE_IDS), priority: pick(rand, prioritySchema.options), events };
}

/** Independent reference: total time the conversation was open since the first message. */
function openTime(timeline: SlaTimeline, until: number): number {
  let open = false;
  let since = 0;
  let total = 0;
  for (const e of [...timeline.events].sort((a, b) => a.at - b.at)) {
    if (e.at > until) break;
    const nowOpen: boolean =
      e.type === 'inbound' || e.type === 'reopened' ? true : e.type === 'status' ? e.status === 'open' : open;
    if (open && !nowOpen) total += e.at - since;
    if (!open && nowOpen) since = e.at;
    open = nowOpen;
  }
  return open ? total + (until - since) : total;
}

const rank = { ok: 0, 'at-risk': 1, breached: 2 } as const;
const byClock = (clocks: SlaClockState[], kind: string): SlaClockState | undefined =>
  clocks.find((c) => c.clock === kind);

describe('SLA arithmetic over generated timelines', () => {
  it('resolution time equals the time the conversation was open', () => {
    const rand = seeded(6);
    for (let n = 0; n < 300; n += 1) {
      const tl = generate(rand, true);
      const last = Math.max(...tl.events.map((e) => e.at));
      for (const now of [last, last + 7 * MIN, last + 3 * 60 * MIN]) {
        const s = computeSla(tl, policies, now);
        const resolution = byClock(s.clocks, 'resolution');
        if (s.state === 'none') continue;
        expect(resolution?.elapsedMs).toBe(openTime(tl, now));
      }
    }
  });

  it('between events, clocks only run down (or stay frozen when paused) and never recover', () => {
    const rand = seeded(42);
    for (let n = 0; n < 300; n += 1) {
      const tl = generate(rand, true);
      const last = Math.max(...tl.events.map((e) => e.at));
      const a = computeSla(tl, policies, last);
      for (const step of [1, 30_000, 5 * MIN, 2 * 60 * MIN, 30 * 60 * MIN]) {
        const b = computeSla(tl, policies, last + step);
        expect(b.clocks.map((c) => c.clock).sort()).toEqual(a.clocks.map((c) => c.clock).sort());
        for (const before of a.clocks) {
          const after = byClock(b.clocks, before.clock);
          if (after === undefined) throw new Error('clock vanished without an event');
          if (before.state === 'paused') {
            expect(after.state).toBe('paused');
            expect(after.remainingMs).toBe(before.remainingMs);
            continue;
          }
          // A breached clock can be waiting on the public: then it is frozen too.
          const running = before.dueAt !== null;
          expect(after.remainingMs).toBe(before.remainingMs - (running ? step : 0));
          expect(after.dueAt).toBe(before.dueAt);
          if (after.state === 'paused') throw new Error('a running clock paused without an event');
          expect(rank[after.state]).toBeGreaterThanOrEqual(rank[before.state]);
        }
      }
    }
  });

  it('changes state exactly at nextChangeAt and not a millisecond before', () => {
    const rand = seeded(7);
    let checked = 0;
    for (let n = 0; n < 300; n += 1) {
      const tl = generate(rand, true);
      const last = Math.max(...tl.events.map((e) => e.at));
      const s = computeSla(tl, policies, last);
      if (s.nextChangeAt === null) continue;
      const states = (now: number): string[] =>
        computeSla(tl, policies, now).clocks.map((c) => `${c.clock}:${c.state}`);
      expect(states(s.nextChangeAt - 1).sort()).toEqual(states(last).sort());
      expect(states(s.nextChangeAt).sort()).not.toEqual(states(last).sort());
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('judges each finished response by its own target when queue and priority never change', () => {
    const rand = seeded(99);
    let finished = 0;
    for (let n = 0; n < 300; n += 1) {
      const tl = generate(rand, false);
      const o = slaOutcomes(tl, policies);
      for (const r of [o.firstResponse, ...o.nextResponses, o.resolution]) {
        if (r === null || r.takenMs === null || r.endedAt === null) continue;
        finished += 1;
        expect(r.takenMs).toBeLessThanOrEqual(r.endedAt - r.startedAt);
        expect(r.status).toBe(r.takenMs <= r.targetMs ? 'met' : 'breached');
        expect(r.breachedAt === null).toBe(r.status === 'met');
      }
    }
    expect(finished).toBeGreaterThan(300);
  });

  it('never counts more active time than wall time', () => {
    const rand = seeded(2025);
    for (let n = 0; n < 300; n += 1) {
      const tl = generate(rand, true);
      const last = Math.max(...tl.events.map((e) => e.at));
      const s = computeSla(tl, policies, last + 10 * MIN);
      for (const c of s.clocks) {
        expect(c.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(c.elapsedMs).toBeLessThanOrEqual(last + 10 * MIN - c.startedAt);
      }
    }
  });
});
