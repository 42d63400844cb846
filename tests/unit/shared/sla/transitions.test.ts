import { describe, expect, it } from 'vitest';
import { computeSla, responseDueAt, slaTransitions } from '../../../../src/shared/sla';
import { HOUR, MIN, T0, defaultPolicies } from './fixtures';
import { inbound, outbound, timeline, waiting } from './timeline-builders';

const policies = defaultPolicies();

describe('slaTransitions', () => {
  const tl = timeline('crime', [inbound(T0)]);
  const at = (ms: number): ReturnType<typeof computeSla> => computeSla(tl, policies, T0 + ms);

  it('raises at-risk at the warning point and breached past the due time, once each', () => {
    expect(slaTransitions(null, at(MIN))).toEqual([]);
    expect(slaTransitions(at(MIN), at(12 * MIN))).toEqual([
      { clock: 'first-response', startedAt: T0, state: 'at-risk' },
    ]);
    expect(slaTransitions(at(12 * MIN), at(13 * MIN))).toEqual([]);
    expect(slaTransitions(at(13 * MIN), at(16 * MIN))).toEqual([
      { clock: 'first-response', startedAt: T0, state: 'breached' },
    ]);
    expect(slaTransitions(at(16 * MIN), at(17 * MIN))).toEqual([]);
  });

  it('raises only the breach when a console or hub catches up after both points passed', () => {
    expect(slaTransitions(at(MIN), at(20 * MIN))).toEqual([
      { clock: 'first-response', startedAt: T0, state: 'breached' },
    ]);
  });

  it('treats a new next-response clock as new', () => {
    const conv = timeline('crime', [inbound(T0), outbound(T0 + MIN), waiting(T0 + MIN), inbound(T0 + HOUR)]);
    const first = computeSla(timeline('crime', [inbound(T0)]), policies, T0 + 14 * MIN);
    const later = computeSla(conv, policies, T0 + HOUR + 12 * MIN);
    expect(slaTransitions(first, later)).toEqual([
      { clock: 'next-response', startedAt: T0 + HOUR, state: 'at-risk' },
    ]);
  });
});

describe('responseDueAt', () => {
  it('is the owed response due time, or null once answered', () => {
    expect(responseDueAt(computeSla(timeline('crime', [inbound(T0)]), policies, T0))).toBe(T0 + 15 * MIN);
    const answered = timeline('crime', [inbound(T0), outbound(T0 + MIN)]);
    expect(responseDueAt(computeSla(answered, policies, T0 + 2 * MIN))).toBeNull();
  });
});
