import { describe, expect, it } from 'vitest';
import { dueRisk, riskAt, conversationRisk } from '../../../../src/shared/workload';

const MIN = 60_000;
const base = {
  status: 'open' as const,
  firstInboundAt: 0,
  firstResponseAt: null,
  lastInboundAt: 0,
};

describe('at risk and breached', () => {
  it('is breached only once past due', () => {
    expect(riskAt(10 * MIN, 0, 10 * MIN)).toBe('at-risk');
    expect(riskAt(10 * MIN, 0, 10 * MIN + 1)).toBe('breached');
  });

  it('is at risk within 5 minutes of a short target', () => {
    expect(riskAt(15 * MIN, 0, 9 * MIN)).toBe('ok');
    expect(riskAt(15 * MIN, 0, 10 * MIN)).toBe('at-risk');
  });

  it('is at risk in the last quarter of a long target', () => {
    // 4 hours: the last hour is at risk, long before the 5-minute floor.
    expect(riskAt(240 * MIN, 0, 179 * MIN)).toBe('ok');
    expect(riskAt(240 * MIN, 0, 180 * MIN)).toBe('at-risk');
  });

  it('owes nothing when resolved, waiting on the public or without a due time', () => {
    expect(dueRisk({ ...base, responseDueAt: null }, 0)).toBe('none');
    expect(dueRisk({ ...base, status: 'waiting-on-public', responseDueAt: MIN }, 2 * MIN)).toBe('none');
    expect(dueRisk({ ...base, status: 'resolved', responseDueAt: MIN }, 2 * MIN)).toBe('none');
    expect(dueRisk({ ...base, responseDueAt: MIN }, 2 * MIN)).toBe('breached');
  });

  it('measures the target from the latest message once a reply has gone', () => {
    const answered = {
      ...base,
      firstResponseAt: 10 * MIN,
      lastInboundAt: 100 * MIN,
      responseDueAt: 340 * MIN,
    };
    expect(dueRisk(answered, 279 * MIN)).toBe('ok');
    expect(dueRisk(answered, 280 * MIN)).toBe('at-risk');
  });
});

describe('conversationRisk', () => {
  const open = {
    status: 'open' as const,
    responseDueAt: 60 * 60_000,
    firstInboundAt: 0,
    firstResponseAt: null,
    lastInboundAt: 0,
  };
  const status = { state: 'ok' as const, dueAt: 60 * 60_000, warnAt: 45 * 60_000, breachedAt: null };

  it("follows the hub's SLA warning point when the cache has the status", () => {
    // 40 minutes in: the estimate (last 25% = last 15 min) says ok, and so does the policy.
    expect(conversationRisk(open, status, 40 * 60_000)).toBe('ok');
    // A policy that warns at 30 minutes makes it at risk where the estimate would not.
    expect(conversationRisk(open, { ...status, warnAt: 30 * 60_000 }, 40 * 60_000)).toBe('at-risk');
    expect(dueRisk(open, 40 * 60_000)).toBe('ok');
    expect(conversationRisk(open, status, 61 * 60_000)).toBe('breached');
  });

  it('shows nothing owed for a paused clock and falls back to the estimate without a status', () => {
    expect(conversationRisk(open, { ...status, state: 'paused' }, 50 * 60_000)).toBe('none');
    expect(conversationRisk(open, undefined, 50 * 60_000)).toBe(dueRisk(open, 50 * 60_000));
    expect(conversationRisk({ ...open, status: 'resolved' }, status, 61 * 60_000)).toBe('none');
  });
});
