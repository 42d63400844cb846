import { describe, expect, it } from 'vitest';
import { computeSla, slaOutcomes, type SlaTimeline } from '../../../../src/shared/sla';
import type { Conversation, Language } from '../../../../src/shared/domain';
import { HOUR, MIN, SEC, T0, defaultPolicies } from './fixtures';
import {
  inbound,
  moved,
  opened,
  outbound,
  prioritised,
  reopened,
  resolved,
  timeline,
  waiting,
} from './timeline-builders';

const policies = defaultPolicies();
const at = (ms: number): number => T0 + ms;

describe('first response', () => {
  const crime = timeline('crime', [inbound(at(0))]);

  it('runs from the first message to the target, warning at 75%', () => {
    const s = computeSla(crime, policies, at(5 * MIN));
    expect(s).toMatchObject({
      clock: 'first-response',
      state: 'ok',
      dueAt: at(15 * MIN),
      warnAt: at(11 * MIN + 15 * SEC),
      remainingMs: 10 * MIN,
      nextChangeAt: at(11 * MIN + 15 * SEC),
    });
    expect(s.clocks.map((c) => c.clock)).toEqual(['first-response', 'resolution']);
  });

  it('is at risk from the warning point and breached only once past the due time', () => {
    expect(computeSla(crime, policies, at(11 * MIN + 15 * SEC - 1)).state).toBe('ok');
    expect(computeSla(crime, policies, at(11 * MIN + 15 * SEC)).state).toBe('at-risk');
    const due = computeSla(crime, policies, at(15 * MIN));
    expect(due).toMatchObject({ state: 'at-risk', remainingMs: 0, nextChangeAt: at(15 * MIN) + 1 });
    expect(computeSla(crime, policies, at(17 * MIN))).toMatchObject({
      state: 'breached',
      breachedAt: at(15 * MIN),
      remainingMs: -2 * MIN,
      // The resolution clock still has its own warning point ahead.
      nextChangeAt: at(18 * HOUR),
    });
  });

  it('stops at the first response and reports the time taken', () => {
    const answered = timeline('crime', [inbound(at(0)), outbound(at(9 * MIN))]);
    const s = computeSla(answered, policies, at(10 * MIN));
    expect(s.clock).toBe('resolution');
    expect(s.dueAt).toBe(at(24 * HOUR));
    expect(slaOutcomes(answered, policies).firstResponse).toMatchObject({
      status: 'met',
      takenMs: 9 * MIN,
      targetMs: 15 * MIN,
      endedAt: at(9 * MIN),
    });
    const slow = timeline('crime', [inbound(at(0)), outbound(at(16 * MIN))]);
    expect(slaOutcomes(slow, policies).firstResponse).toMatchObject({
      status: 'breached',
      takenMs: 16 * MIN,
      breachedAt: at(15 * MIN),
    });
  });

  it('counts a response exactly on target as met', () => {
    const onTime = timeline('emergency', [inbound(at(0)), outbound(at(2 * MIN))]);
    expect(slaOutcomes(onTime, policies).firstResponse?.status).toBe('met');
  });

  it('is none before the public writes and after resolution', () => {
    expect(computeSla(timeline('crime', []), policies, at(0)).state).toBe('none');
    const done = timeline('crime', [inbound(at(0)), outbound(at(MIN)), resolved(at(2 * MIN))]);
    expect(computeSla(done, policies, at(3 * MIN))).toMatchObject({ state: 'none', clock: null, clocks: [] });
  });

  it('ignores events after hub now', () => {
    const later = timeline('crime', [inbound(at(0)), outbound(at(10 * MIN))]);
    expect(computeSla(later, policies, at(5 * MIN)).clock).toBe('first-response');
  });
});

describe('pauses while waiting on the public', () => {
  // Operator replies at 5m and asks a question; the public answers at 2h; operator replies at 2h10m.
  const events = [inbound(at(0)), outbound(at(5 * MIN)), waiting(at(5 * MIN)), inbound(at(2 * HOUR))];

  it('freezes the clocks: paused, no due time, remaining time unchanged', () => {
    const tl = timeline('crime', events.slice(0, 3));
    const early = computeSla(tl, policies, at(10 * MIN));
    const late = computeSla(tl, policies, at(30 * HOUR));
    expect(early).toMatchObject({ state: 'paused', clock: 'resolution', dueAt: null, warnAt: null });
    expect(early.nextChangeAt).toBeNull();
    expect(late.remainingMs).toBe(early.remainingMs);
    expect(late.remainingMs).toBe(24 * HOUR - 5 * MIN);
  });

  it('restarts with a fresh next-response clock when the public writes', () => {
    const tl = timeline('crime', events);
    const s = computeSla(tl, policies, at(2 * HOUR + 4 * MIN));
    expect(s).toMatchObject({ clock: 'next-response', state: 'ok', dueAt: at(2 * HOUR + 15 * MIN) });
    // Resolution time used: 5 minutes before the pause and 4 after.
    const resolution = s.clocks.find((c) => c.clock === 'resolution');
    expect(resolution?.elapsedMs).toBe(9 * MIN);
  });

  it('pauses an owed first response too, carrying on from where it stopped', () => {
    const tl = timeline('crime', [inbound(at(0)), waiting(at(10 * MIN)), inbound(at(3 * HOUR))]);
    expect(computeSla(tl, policies, at(HOUR))).toMatchObject({ state: 'paused', clock: 'first-response' });
    expect(computeSla(tl, policies, at(3 * HOUR + 2 * MIN))).toMatchObject({
      clock: 'first-response',
      state: 'at-risk',
      remainingMs: 3 * MIN,
      dueAt: at(3 * HOUR + 5 * MIN),
    });
  });

  it('keeps a breach that happened before the pause', () => {
    const tl = timeline('emergency', [inbound(at(0)), waiting(at(3 * MIN))]);
    expect(computeSla(tl, policies, at(HOUR))).toMatchObject({ state: 'breached', breachedAt: at(2 * MIN) });
  });

  it('an operator setting the conversation open again restarts the clocks', () => {
    const tl = timeline('crime', [inbound(at(0)), waiting(at(5 * MIN)), opened(at(HOUR))]);
    expect(computeSla(tl, policies, at(HOUR + 5 * MIN))).toMatchObject({
      clock: 'first-response',
      state: 'ok',
      remainingMs: 5 * MIN,
    });
  });
});

describe('next response', () => {
  it('starts at the first unanswered message and ignores the ones after it', () => {
    const tl = timeline('general', [
      inbound(at(0)),
      outbound(at(10 * MIN)),
      inbound(at(HOUR)),
      inbound(at(HOUR + 20 * MIN)),
      outbound(at(HOUR + 50 * MIN)),
      inbound(at(3 * HOUR)),
      outbound(at(4 * HOUR + MIN)),
    ]);
    expect(computeSla(tl, policies, at(HOUR + 30 * MIN))).toMatchObject({
      clock: 'next-response',
      dueAt: at(2 * HOUR),
    });
    const outcomes = slaOutcomes(tl, policies);
    expect(outcomes.firstResponse).toMatchObject({ status: 'met', takenMs: 10 * MIN });
    expect(outcomes.nextResponses).toMatchObject([
      { status: 'met', startedAt: at(HOUR), takenMs: 50 * MIN },
      { status: 'breached', startedAt: at(3 * HOUR), takenMs: HOUR + MIN, breachedAt: at(4 * HOUR) },
    ]);
  });

  it('is not required when the conversation is resolved after a "thank you"', () => {
    const tl = timeline('general', [
      inbound(at(0)),
      outbound(at(MIN)),
      inbound(at(2 * MIN)),
      resolved(at(3 * MIN)),
    ]);
    expect(slaOutcomes(tl, policies).nextResponses).toMatchObject([
      { status: 'not-required', takenMs: null, endedAt: at(3 * MIN) },
    ]);
  });
});

describe('reopen', () => {
  const base = [inbound(at(0)), outbound(at(10 * MIN)), resolved(at(HOUR))];

  it('by the public writing again starts a next-response clock and resumes resolution time', () => {
    const tl = timeline('crime', [...base, inbound(at(10 * HOUR))]);
    const s = computeSla(tl, policies, at(10 * HOUR + MIN));
    expect(s).toMatchObject({ clock: 'next-response', dueAt: at(10 * HOUR + 15 * MIN) });
    expect(s.clocks.find((c) => c.clock === 'resolution')?.elapsedMs).toBe(HOUR + MIN);
    // The earlier resolution no longer stands while it is open again.
    expect(slaOutcomes(tl, policies, at(10 * HOUR + MIN)).resolution?.status).toBe('pending');
  });

  it('by an operator resumes the resolution clock only: nothing is owed to the public', () => {
    const tl = timeline('crime', [...base, reopened(at(5 * HOUR))]);
    const s = computeSla(tl, policies, at(6 * HOUR));
    expect(s).toMatchObject({ clock: 'resolution', state: 'ok', remainingMs: 22 * HOUR });
    expect(s.clocks).toHaveLength(1);
  });

  it('reports the final resolution time as active time across every open spell', () => {
    const tl = timeline('crime', [...base, reopened(at(5 * HOUR)), resolved(at(7 * HOUR))]);
    expect(slaOutcomes(tl, policies).resolution).toMatchObject({
      status: 'met',
      takenMs: 3 * HOUR,
      endedAt: at(7 * HOUR),
    });
  });

  it('keeps an unanswered first response owed across a resolve and a new message', () => {
    const tl = timeline('crime', [inbound(at(0)), resolved(at(10 * MIN)), inbound(at(HOUR))]);
    expect(slaOutcomes(tl, policies, at(30 * MIN)).firstResponse?.status).toBe('not-required');
    expect(computeSla(tl, policies, at(HOUR + 6 * MIN))).toMatchObject({
      clock: 'first-response',
      state: 'breached',
      breachedAt: at(HOUR + 5 * MIN),
    });
  });
});

describe('urgent priority', () => {
  it('uses the tighter urgent targets', () => {
    const urgent = timeline('crime', [inbound(at(0))], 'urgent');
    expect(computeSla(urgent, policies, at(MIN))).toMatchObject({
      dueAt: at(5 * MIN),
      warnAt: at(3 * MIN + 45 * SEC),
    });
  });

  it('applies from the original start when priority is raised, breaching at once if already late', () => {
    const raised = timeline('crime', [inbound(at(0)), prioritised(at(8 * MIN), 'urgent')]);
    expect(computeSla(raised, policies, at(7 * MIN)).dueAt).toBe(at(15 * MIN));
    expect(computeSla(raised, policies, at(8 * MIN))).toMatchObject({
      state: 'breached',
      breachedAt: at(8 * MIN),
      remainingMs: -3 * MIN,
    });
  });
});

describe('a conversation that changes queue', () => {
  it("takes the new queue's target, measured from the original start", () => {
    const tl = timeline('updates', [inbound(at(0)), moved(at(5 * MIN), 'crime')]);
    expect(computeSla(tl, policies, at(4 * MIN)).dueAt).toBe(at(4 * HOUR));
    expect(computeSla(tl, policies, at(6 * MIN))).toMatchObject({ queueId: 'crime', dueAt: at(15 * MIN) });
  });

  it('breaches at the moment of the move when already past the new target', () => {
    const tl = timeline('general', [inbound(at(0)), moved(at(5 * MIN), 'emergency')]);
    expect(computeSla(tl, policies, at(5 * MIN))).toMatchObject({
      state: 'breached',
      breachedAt: at(5 * MIN),
    });
  });

  it('does not undo a breach by moving to a slower queue', () => {
    const tl = timeline('emergency', [inbound(at(0)), moved(at(5 * MIN), 'general'), outbound(at(6 * MIN))]);
    const live = computeSla(tl, policies, at(5 * MIN + 1));
    expect(live).toMatchObject({ state: 'breached', breachedAt: at(2 * MIN) });
    expect(live.remainingMs).toBe(55 * MIN - 1);
    expect(slaOutcomes(tl, policies).firstResponse).toMatchObject({
      status: 'breached',
      targetMs: 60 * MIN,
      takenMs: 6 * MIN,
    });
  });
});

describe('Welsh and English', () => {
  /** What the hub will do: build the timeline from a conversation without its language. */
  function timelineOf(c: Pick<Conversation, 'queueId' | 'priority' | 'language'>): SlaTimeline {
    return timeline(c.queueId, [inbound(at(0)), outbound(at(20 * MIN)), inbound(at(HOUR))], c.priority);
  }

  it('get identical states and outcomes on every queue and priority', () => {
    for (const queueId of Object.keys(policies.queues)) {
      for (const priority of ['urgent', 'high', 'normal', 'low'] as const) {
        const of = (language: Language): SlaTimeline => timelineOf({ queueId, priority, language });
        for (const now of [at(MIN), at(30 * MIN), at(HOUR + 10 * MIN), at(3 * HOUR)]) {
          expect(computeSla(of('cy'), policies, now)).toEqual(computeSla(of('en'), policies, now));
        }
        expect(slaOutcomes(of('cy'), policies)).toEqual(slaOutcomes(of('en'), policies));
      }
    }
  });
});

describe('outcomes', () => {
  it('sum up a whole conversation', () => {
    const tl = timeline('crime', [
      inbound(at(0)),
      outbound(at(12 * MIN)),
      waiting(at(12 * MIN)),
      inbound(at(5 * HOUR)),
      outbound(at(5 * HOUR + 20 * MIN)),
      resolved(at(5 * HOUR + 30 * MIN)),
    ]);
    expect(slaOutcomes(tl, policies)).toEqual({
      queueId: 'crime',
      priority: 'normal',
      startedAt: at(0),
      firstResponse: {
        clock: 'first-response',
        status: 'met',
        startedAt: at(0),
        endedAt: at(12 * MIN),
        takenMs: 12 * MIN,
        targetMs: 15 * MIN,
        breachedAt: null,
      },
      nextResponses: [
        {
          clock: 'next-response',
          status: 'breached',
          startedAt: at(5 * HOUR),
          endedAt: at(5 * HOUR + 20 * MIN),
          takenMs: 20 * MIN,
          targetMs: 15 * MIN,
          breachedAt: at(5 * HOUR + 15 * MIN),
        },
      ],
      resolution: {
        clock: 'resolution',
        status: 'met',
        startedAt: at(0),
        endedAt: at(5 * HOUR + 30 * MIN),
        takenMs: 42 * MIN,
        targetMs: 24 * HOUR,
        breachedAt: null,
      },
    });
  });

  it('mark a clock still running past its target as breached, and within it as pending', () => {
    const tl = timeline('emergency', [inbound(at(0))]);
    expect(slaOutcomes(tl, policies, at(MIN)).firstResponse?.status).toBe('pending');
    expect(slaOutcomes(tl, policies, at(3 * MIN)).firstResponse?.status).toBe('breached');
    expect(slaOutcomes(timeline('crime', []), policies)).toMatchObject({
      startedAt: null,
      firstResponse: null,
      resolution: null,
    });
  });

  it('do not depend on the order events were stored in', () => {
    const events = [inbound(at(0)), outbound(at(3 * MIN)), inbound(at(HOUR)), resolved(at(2 * HOUR))];
    const shuffled = [inbound(at(HOUR)), inbound(at(0)), resolved(at(2 * HOUR)), outbound(at(3 * MIN))];
    expect(slaOutcomes(timeline('crime', shuffled), policies)).toEqual(
      slaOutcomes(timeline('crime', events), policies),
    );
  });
});
