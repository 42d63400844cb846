import { describe, expect, it } from 'vitest';
import type { Operator } from '../../../../src/shared/domain';
import type { SlaEventRecord } from '../../../../src/shared/protocol';
import { SLA_ALERT_MAX_AGE_MS, slaAlertsFor } from '../../../../src/engine/sla-alerts';
import { liveSlaState } from '../../../../src/shared/sla';

const NOW = 1_760_000_000_000;

const person = (id: string, role: Operator['role']): Operator => ({
  id,
  name: id,
  role,
  skills: [],
  status: 'available',
  statusSince: 0,
  capacity: 8,
});

const alert = (over: Partial<SlaEventRecord>): SlaEventRecord => ({
  id: `e-${String(Math.random())}`,
  conversationId: 'c1',
  kind: 'breached',
  clock: 'first-response',
  clockStartedAt: NOW - 1000,
  at: NOW,
  queueId: 'crime',
  assigneeId: 'alice',
  ...over,
});

describe('who hears of a breach', () => {
  const alerts = [
    alert({ assigneeId: 'alice' }),
    alert({ assigneeId: 'bob', conversationId: 'c2' }),
    alert({ kind: 'at-risk', assigneeId: 'alice', conversationId: 'c3' }),
    alert({ assigneeId: null, conversationId: 'c4' }),
    alert({ assigneeId: 'alice', conversationId: 'c5', at: NOW - SLA_ALERT_MAX_AGE_MS - 1 }),
  ];

  it('an operator hears only of breaches on their own work', () => {
    expect(slaAlertsFor(alerts, person('alice', 'operator'), NOW)).toEqual([
      expect.objectContaining({ conversationId: 'c1', mine: true }),
    ]);
    expect(slaAlertsFor(alerts, person('carol', 'operator'), NOW)).toEqual([]);
  });

  it('a lead hears of every recent breach, their own marked as such; at-risk interrupts nobody', () => {
    const heard = slaAlertsFor(alerts, person('bob', 'lead'), NOW);
    expect(heard.map((a) => [a.conversationId, a.mine])).toEqual([
      ['c1', false],
      ['c2', true],
      ['c4', false],
    ]);
    expect(slaAlertsFor(alerts, null, NOW)).toEqual([]);
  });
});

describe('live SLA state in hub time', () => {
  const status = { state: 'ok' as const, dueAt: NOW + 60_000, warnAt: NOW + 30_000, breachedAt: null };

  it('moves from ok to at risk at the warning point and to breached just past the due time', () => {
    expect(liveSlaState(status, NOW)).toBe('ok');
    expect(liveSlaState(status, NOW + 30_000)).toBe('at-risk');
    expect(liveSlaState(status, NOW + 60_000)).toBe('at-risk');
    expect(liveSlaState(status, NOW + 60_001)).toBe('breached');
  });

  it('keeps paused, none and breached as the hub said', () => {
    expect(liveSlaState({ ...status, state: 'paused', dueAt: null, warnAt: null }, NOW + 1e9)).toBe('paused');
    expect(liveSlaState({ ...status, state: 'none', dueAt: null, warnAt: null }, NOW + 1e9)).toBe('none');
    expect(liveSlaState({ ...status, state: 'breached', breachedAt: NOW - 1 }, NOW - 10)).toBe('breached');
  });
});
