import { describe, expect, it } from 'vitest';
import {
  assignWaiting,
  byWaitingOrder,
  mayTake,
  type AssignableOperator,
  type WaitingConversation,
} from '../../../../src/shared/assignment';
import type { OperatorStatus, Skill } from '../../../../src/shared/domain';

/** mulberry32: a small seeded generator, so a failing desk can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES: readonly OperatorStatus[] = [
  'available',
  'available',
  'available',
  'busy',
  'on-break',
  'off-shift',
  'offline',
];

interface Desk {
  readonly operators: AssignableOperator[];
  readonly waiting: WaitingConversation[];
}

function generateDesk(seed: number): Desk {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const operators: AssignableOperator[] = Array.from({ length: int(0, 12) }, (_, i) => {
    const skills: Skill[] = [];
    if (r() < 0.35) skills.push('welsh');
    if (r() < 0.3) skills.push('confidential');
    const capacity = int(1, 10);
    return {
      id: `op-${String(i).padStart(2, '0')}`,
      status: pick(STATUSES),
      skills,
      capacity,
      // Sometimes over capacity already (a lead moved work to them by hand).
      held: int(0, capacity + 2),
      statusSince: int(0, 5) * 1000,
    };
  });
  const waiting: WaitingConversation[] = Array.from({ length: int(0, 60) }, (_, i) => ({
    id: `c-${String(i).padStart(3, '0')}`,
    // Few distinct times, so ties (broken by id) happen often.
    waitingSince: int(0, 40) * 60_000,
    language: r() < 0.25 ? 'cy' : 'en',
    confidential: r() < 0.15,
  }));
  return { operators, waiting };
}

const DESKS = 3000;

describe('the automatic assignment rule over generated desks', () => {
  for (let seed = 1; seed <= DESKS; seed += 1000) {
    it(`holds every property for desks ${String(seed)}..${String(seed + 999)}`, () => {
      let assignedTotal = 0;
      let skippedForSkills = 0;
      for (let s = seed; s < seed + 1000; s++) {
        const { operators, waiting } = generateDesk(s);
        const out = assignWaiting(operators, waiting);
        const byId = new Map(operators.map((o) => [o.id, o]));
        const convById = new Map(waiting.map((c) => [c.id, c]));
        const context = `seed ${String(s)}`;

        // Each conversation at most once, only waiting ones, only to known operators.
        expect(new Set(out.map((a) => a.conversationId)).size, context).toBe(out.length);
        const held = new Map(operators.map((o) => [o.id, o.held]));
        for (const a of out) {
          const o = byId.get(a.operatorId);
          const c = convById.get(a.conversationId);
          expect(o, context).toBeDefined();
          expect(c, context).toBeDefined();
          if (o === undefined || c === undefined) continue;
          // Nobody busy, on break, off shift or offline gets work; skills always respected.
          expect(o.status, context).toBe('available');
          if (c.language === 'cy') expect(o.skills, context).toContain('welsh');
          if (c.confidential) expect(o.skills, context).toContain('confidential');
          // Most spare capacity among everyone who could take it, at the moment it was given.
          const spareOf = (x: AssignableOperator): number => x.capacity - (held.get(x.id) ?? 0);
          for (const other of operators) {
            if (mayTake(other, c) && spareOf(other) > 0)
              expect(spareOf(o), context).toBeGreaterThanOrEqual(spareOf(other));
          }
          held.set(o.id, (held.get(o.id) ?? 0) + 1);
        }
        // Capacity never exceeded by the rule.
        for (const o of operators) {
          const given = out.filter((a) => a.operatorId === o.id).length;
          expect(given, context).toBeLessThanOrEqual(Math.max(0, o.capacity - o.held));
        }
        // Oldest first: assignments come out in waiting order...
        const order = out.map((a) => convById.get(a.conversationId) as WaitingConversation);
        for (let i = 1; i < order.length; i++) {
          expect(
            byWaitingOrder(order[i - 1] as WaitingConversation, order[i] as WaitingConversation),
            context,
          ).toBeLessThan(0);
        }
        // ...and an older conversation left waiting could not have gone to anyone who took a younger one.
        const assignedTo = new Map(out.map((a) => [a.conversationId, a.operatorId]));
        for (const older of waiting) {
          if (assignedTo.has(older.id)) continue;
          for (const o of operators) {
            // Nobody eligible is left with a free seat: the rule never idles capacity it could use.
            if (mayTake(o, older)) expect(held.get(o.id) ?? 0, context).toBeGreaterThanOrEqual(o.capacity);
          }
          for (const younger of waiting) {
            const taker = assignedTo.get(younger.id);
            if (taker === undefined || byWaitingOrder(older, younger) >= 0) continue;
            const o = byId.get(taker) as AssignableOperator;
            if (mayTake(o, older))
              throw new Error(`${context}: ${older.id} was skipped for younger ${younger.id}`);
            skippedForSkills += 1;
          }
        }
        // Deterministic whatever order the hub lists things in.
        expect(assignWaiting([...operators].reverse(), [...waiting].reverse()), context).toEqual(out);
        assignedTotal += out.length;
      }
      // The generator really exercises the rule: plenty assigned, and skills do block some.
      expect(assignedTotal).toBeGreaterThan(1000);
      expect(skippedForSkills).toBeGreaterThan(0);
    });
  }
});

describe('the automatic assignment rule, by example', () => {
  const op = (id: string, over: Partial<AssignableOperator> = {}): AssignableOperator => ({
    id,
    status: 'available',
    skills: [],
    capacity: 8,
    held: 0,
    statusSince: 0,
    ...over,
  });
  const conv = (
    id: string,
    waitingSince: number,
    over: Partial<WaitingConversation> = {},
  ): WaitingConversation => ({
    id,
    waitingSince,
    language: 'en',
    confidential: false,
    ...over,
  });

  it('gives the oldest to the operator with the most spare capacity', () => {
    const out = assignWaiting(
      [op('busy-ish', { held: 6 }), op('fresh', { held: 1 })],
      [conv('young', 200), conv('old', 100)],
    );
    expect(out[0]).toEqual({ conversationId: 'old', operatorId: 'fresh' });
  });

  it('sends Welsh only to Welsh speakers and confidential only to cleared staff', () => {
    const out = assignWaiting(
      [
        op('en-only'),
        op('cymraeg', { skills: ['welsh'], held: 7 }),
        op('cleared', { skills: ['confidential'], held: 7 }),
      ],
      [conv('cy', 1, { language: 'cy' }), conv('intel', 2, { confidential: true }), conv('en', 3)],
    );
    expect(out).toEqual([
      { conversationId: 'cy', operatorId: 'cymraeg' },
      { conversationId: 'intel', operatorId: 'cleared' },
      { conversationId: 'en', operatorId: 'en-only' },
    ]);
  });

  it('gives nothing to anyone on break, busy, off shift or offline, nor past capacity', () => {
    const out = assignWaiting(
      [
        op('a', { status: 'on-break' }),
        op('b', { status: 'off-shift' }),
        op('c', { status: 'offline' }),
        op('d', { status: 'busy' }),
        op('e', { capacity: 1 }),
      ],
      [conv('1', 1), conv('2', 2)],
    );
    expect(out).toEqual([{ conversationId: '1', operatorId: 'e' }]);
  });
});
