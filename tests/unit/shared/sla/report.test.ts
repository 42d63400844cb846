import { describe, expect, it } from 'vitest';
import {
  compareLanguages,
  median,
  percentile,
  reportRowFromOutcomes,
  slaOutcomes,
  summariseSla,
  summariseSlaBy,
  trailingWindow,
  type SlaReportRow,
} from '../../../../src/shared/sla';
import { HOUR, MIN, T0, defaultPolicies } from './fixtures';
import { inbound, outbound, timeline } from './timeline-builders';

function row(over: Partial<SlaReportRow>): SlaReportRow {
  return {
    conversationId: 'c',
    startedAt: T0,
    queueId: 'crime',
    priority: 'normal',
    category: 'crime-report',
    platform: 'facebook',
    language: 'en',
    firstResponseStatus: 'met',
    firstResponseMs: 5 * MIN,
    nextResponsesMet: 0,
    nextResponsesBreached: 0,
    resolutionStatus: 'pending',
    resolutionMs: null,
    ...over,
  };
}

describe('percentiles', () => {
  it('interpolate between ranks', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([7, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(median([])).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('match the definition on 1..100 minutes', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * MIN);
    expect(median(values)).toBe(50.5 * MIN);
    expect(percentile(values, 90)).toBeCloseTo(90.1 * MIN);
  });
});

describe('summaries', () => {
  const rows = [
    row({ conversationId: 'a', firstResponseMs: 2 * MIN }),
    row({ conversationId: 'b', firstResponseMs: 10 * MIN }),
    row({ conversationId: 'c', firstResponseStatus: 'breached', firstResponseMs: 20 * MIN }),
    row({ conversationId: 'd', firstResponseStatus: 'pending', firstResponseMs: null }),
    row({ conversationId: 'e', firstResponseStatus: 'breached', firstResponseMs: null, queueId: 'general' }),
    row({
      conversationId: 'f',
      firstResponseStatus: 'not-required',
      firstResponseMs: null,
      queueId: 'general',
    }),
    row({
      conversationId: 'old',
      startedAt: T0 - 2 * HOUR,
      firstResponseStatus: 'breached',
      firstResponseMs: HOUR,
    }),
  ];

  it('give the share answered within target over a window, ignoring pending and not-required', () => {
    const s = summariseSla(rows, trailingWindow(T0 + HOUR, HOUR));
    expect(s).toMatchObject({
      conversations: 6,
      firstResponseMeasured: 4,
      firstResponseMet: 2,
      firstResponseBreached: 2,
      withinTargetShare: 0.5,
      medianFirstResponseMs: 10 * MIN,
    });
    expect(s.p90FirstResponseMs).toBeCloseTo(18 * MIN);
    expect(summariseSla(rows).conversations).toBe(7);
    expect(summariseSla([], trailingWindow(T0, HOUR))).toMatchObject({
      withinTargetShare: null,
      medianFirstResponseMs: null,
    });
  });

  it('split by queue', () => {
    const byQueue = summariseSlaBy(rows, 'queueId', trailingWindow(T0 + HOUR, HOUR));
    expect([...byQueue.keys()].sort()).toEqual(['crime', 'general']);
    expect(byQueue.get('general')).toMatchObject({ conversations: 2, withinTargetShare: 0 });
    expect(byQueue.get('crime')?.withinTargetShare).toBeCloseTo(2 / 3);
  });

  it('put English and Welsh side by side', () => {
    const both = compareLanguages([
      row({ language: 'en', firstResponseMs: 4 * MIN }),
      row({ language: 'en', firstResponseMs: 6 * MIN }),
      row({ language: 'cy', firstResponseMs: 8 * MIN }),
    ]);
    expect(both.en.medianFirstResponseMs).toBe(5 * MIN);
    expect(both.cy.medianFirstResponseMs).toBe(8 * MIN);
    expect(compareLanguages([]).cy.conversations).toBe(0);
  });
});

describe('report rows', () => {
  it('flatten outcomes', () => {
    const tl = timeline('crime', [
      inbound(T0),
      outbound(T0 + 20 * MIN),
      inbound(T0 + HOUR),
      outbound(T0 + HOUR + MIN),
    ]);
    const meta = { conversationId: 'x', category: 'crime-report', platform: 'x', language: 'cy' } as const;
    expect(reportRowFromOutcomes(meta, slaOutcomes(tl, defaultPolicies()))).toEqual({
      ...meta,
      startedAt: T0,
      queueId: 'crime',
      priority: 'normal',
      firstResponseStatus: 'breached',
      firstResponseMs: 20 * MIN,
      nextResponsesMet: 1,
      nextResponsesBreached: 0,
      resolutionStatus: 'pending',
      resolutionMs: null,
    });
    expect(reportRowFromOutcomes(meta, slaOutcomes(timeline('crime', []), defaultPolicies()))).toBeNull();
  });
});
