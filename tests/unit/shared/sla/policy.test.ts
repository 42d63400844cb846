import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  STANDARD_QUEUE_IDS,
  QUEUE_IDS,
  formatDuration,
  parseDuration,
  parseSlaPolicies,
  serializeSlaPolicies,
  slaTimelineSchema,
  targetsFor,
  type SlaTimeline,
} from '../../../../src/shared/sla';
import type { Priority } from '../../../../src/shared/domain';
import { DAY, HOUR, MIN, SEC, defaultPolicies } from './fixtures';

/** A valid file to break one piece at a time. */
function validFile(): Record<string, unknown> {
  const queues: Record<string, unknown> = {};
  for (const id of STANDARD_QUEUE_IDS) {
    queues[id] = { firstResponse: '15m', nextResponse: '15m', resolution: '24h' };
  }
  return { version: 1, fallbackQueue: 'general', queues };
}

function issuesOf(json: unknown): string[] {
  const result = parseSlaPolicies(json);
  if (result.ok) throw new Error('expected the policies to be rejected');
  return result.issues;
}

describe('shipped default policies', () => {
  const policies = defaultPolicies();

  it('give the targets the desk agreed for first response', () => {
    const first = (queue: string): number => targetsFor(policies, queue, 'normal').firstResponseMs;
    expect(first(QUEUE_IDS.emergency)).toBe(2 * MIN);
    expect(first(QUEUE_IDS.crime)).toBe(15 * MIN);
    expect(first(QUEUE_IDS.intelligence)).toBe(15 * MIN);
    expect(first(QUEUE_IDS.general)).toBe(60 * MIN);
    expect(first(QUEUE_IDS.updates)).toBe(4 * HOUR);
  });

  it('cover every standard queue, warn at 75% and make urgent at least as tight', () => {
    for (const queue of STANDARD_QUEUE_IDS) {
      const normal = targetsFor(policies, queue, 'normal');
      const urgent = targetsFor(policies, queue, 'urgent');
      expect(normal.warnAtPercent).toBe(75);
      expect(normal.resolutionMs).toBeGreaterThanOrEqual(normal.firstResponseMs);
      expect(urgent.firstResponseMs).toBeLessThanOrEqual(normal.firstResponseMs);
      expect(urgent.nextResponseMs).toBeLessThanOrEqual(normal.nextResponseMs);
      expect(urgent.resolutionMs).toBeLessThanOrEqual(normal.resolutionMs);
    }
    expect(targetsFor(policies, QUEUE_IDS.crime, 'urgent').firstResponseMs).toBe(5 * MIN);
    expect(targetsFor(policies, QUEUE_IDS.crime, 'high').firstResponseMs).toBe(15 * MIN);
  });

  it('send a queue without its own policy to the fallback queue', () => {
    expect(targetsFor(policies, 'lead-made-queue', 'normal')).toEqual(
      targetsFor(policies, 'general', 'normal'),
    );
  });

  it('survive a write and re-read unchanged', () => {
    const again = parseSlaPolicies(JSON.parse(JSON.stringify(serializeSlaPolicies(policies))));
    expect(again.ok && again.policies).toEqual(policies);
  });
});

describe('Welsh conversations have the same targets as English ones', () => {
  it('cannot be told a language when looking targets up', () => {
    expectTypeOf(targetsFor).parameters.toEqualTypeOf<
      [policies: ReturnType<typeof defaultPolicies>, queueId: string, priority: Priority]
    >();
    expectTypeOf<SlaTimeline>().not.toHaveProperty('language');
  });

  it('rejects a policy file that tries to give Welsh its own targets', () => {
    const file = validFile();
    const queues = file.queues as Record<string, Record<string, unknown>>;
    (queues.crime as Record<string, unknown>).cy = { firstResponse: '30m' };
    file.language = { cy: { warnAtPercent: 90 } };
    const issues = issuesOf(file);
    expect(issues.some((i) => i.startsWith('queues.crime:') && i.includes('"cy"'))).toBe(true);
    expect(issues.some((i) => i.startsWith('(top level):') && i.includes('"language"'))).toBe(true);
  });

  it('rejects a timeline that carries a language', () => {
    const withLanguage = { queueId: 'crime', priority: 'normal', language: 'cy', events: [] };
    expect(slaTimelineSchema.safeParse(withLanguage).success).toBe(false);
    expect(slaTimelineSchema.safeParse({ ...withLanguage, language: undefined }).success).toBe(false);
    const { language: _dropped, ...plain } = withLanguage;
    expect(slaTimelineSchema.safeParse(plain).success).toBe(true);
  });
});

describe('parseSlaPolicies errors', () => {
  it('accepts the minimal valid file', () => {
    const result = parseSlaPolicies(validFile());
    expect(result.ok).toBe(true);
  });

  it('names a bad duration and where it is', () => {
    const file = validFile();
    (file.queues as Record<string, Record<string, unknown>>).crime = {
      firstResponse: '15 minutes',
      nextResponse: '15m',
      resolution: '24h',
    };
    expect(issuesOf(file)).toEqual([
      'queues.crime.firstResponse: "15 minutes" is not a duration; write it like "2m", "15m", "4h", "1h30m" or "3d"',
    ]);
  });

  it('rejects numbers and out-of-range durations', () => {
    const file = validFile();
    const queues = file.queues as Record<string, Record<string, unknown>>;
    queues.general = { firstResponse: 900000, nextResponse: '0s', resolution: '200d' };
    const issues = issuesOf(file);
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatch(/^queues\.general\.firstResponse: /);
    expect(issues[1]).toMatch(/^queues\.general\.nextResponse: "0s" is out of range/);
    expect(issues[2]).toMatch(/^queues\.general\.resolution: "200d" is out of range/);
  });

  it('requires every standard queue and a fallback that exists', () => {
    const file = validFile();
    delete (file.queues as Record<string, unknown>).emergency;
    file.fallbackQueue = 'nowhere';
    expect(issuesOf(file)).toEqual([
      'queues.emergency: missing policy for standard queue "emergency"',
      'fallbackQueue: fallbackQueue "nowhere" has no policy in queues',
    ]);
  });

  it('refuses urgent targets looser than the normal ones, and resolution before first response', () => {
    const file = validFile();
    const queues = file.queues as Record<string, Record<string, unknown>>;
    queues.crime = {
      firstResponse: '15m',
      nextResponse: '15m',
      resolution: '24h',
      urgent: { firstResponse: '20m' },
    };
    queues.updates = { firstResponse: '4h', nextResponse: '4h', resolution: '1h' };
    expect(issuesOf(file)).toEqual([
      "queues.crime.urgent.firstResponse: urgent firstResponse (20m) must not be looser than the queue's own (15m)",
      'queues.updates.resolution: resolution target must not be shorter than the first-response target',
    ]);
  });

  it('checks the version, warning point and shape', () => {
    expect(issuesOf({ ...validFile(), version: 2 })).toEqual(['version: version must be 1']);
    expect(issuesOf({ ...validFile(), warnAtPercent: 100 })).toEqual([
      'warnAtPercent: warnAtPercent must be a whole number from 1 to 99',
    ]);
    expect(issuesOf('not json object')[0]).toMatch(/^\(top level\): /);
    const result = parseSlaPolicies(null);
    expect(result.ok ? '' : result.error).toMatch(/^Invalid SLA policies:\n/);
  });

  it('uses a per-queue warning point over the file default', () => {
    const file = validFile();
    const queues = file.queues as Record<string, Record<string, unknown>>;
    queues.crime = { firstResponse: '15m', nextResponse: '15m', resolution: '24h', warnAtPercent: 50 };
    const result = parseSlaPolicies({ ...file, warnAtPercent: 80 });
    if (!result.ok) throw new Error(result.error);
    expect(targetsFor(result.policies, 'crime', 'normal').warnAtPercent).toBe(50);
    expect(targetsFor(result.policies, 'general', 'normal').warnAtPercent).toBe(80);
  });
});

describe('durations', () => {
  it('read and write the policy file form', () => {
    expect(parseDuration('2m')).toBe(2 * MIN);
    expect(parseDuration('1h30m')).toBe(90 * MIN);
    expect(parseDuration('3d')).toBe(3 * DAY);
    expect(parseDuration('45s')).toBe(45 * SEC);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('m')).toBeNull();
    expect(parseDuration('30m1h')).toBeNull();
    expect(formatDuration(90 * MIN)).toBe('1h30m');
    expect(formatDuration(DAY + 5 * SEC)).toBe('1d5s');
    expect(formatDuration(0)).toBe('0s');
  });
});
