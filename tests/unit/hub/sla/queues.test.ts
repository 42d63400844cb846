import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUES, queueFor } from '../../../../src/hub/routing';
import { SHIPPED_POLICY_FILE } from '../../../../src/hub/sla/policies';
import { categorySchema } from '../../../../src/shared/domain';
import { STANDARD_QUEUE_IDS, parseSlaPolicies, targetsFor } from '../../../../src/shared/sla';

const MIN = 60_000;

describe('one set of queues for routing and SLAs', () => {
  const parsed = parseSlaPolicies(JSON.parse(readFileSync(SHIPPED_POLICY_FILE, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const policies = parsed.policies;

  it('the hub creates exactly the standard queues, and each has its own shipped policy', () => {
    expect(DEFAULT_QUEUES.map((q) => q.id)).toEqual([...STANDARD_QUEUE_IDS]);
    for (const id of STANDARD_QUEUE_IDS) expect(Object.keys(policies.queues)).toContain(id);
  });

  it('every category routes to a standard queue with the issue’s first-response targets', () => {
    const expected: Record<string, number> = {
      emergency: 2 * MIN,
      crime: 15 * MIN,
      safeguarding: 15 * MIN,
      intelligence: 15 * MIN,
      updates: 240 * MIN,
      general: 60 * MIN,
    };
    for (const category of categorySchema.options) {
      const queue = queueFor(category);
      expect(STANDARD_QUEUE_IDS as readonly string[]).toContain(queue);
      expect(targetsFor(policies, queue, 'normal').firstResponseMs, category).toBe(expected[queue]);
    }
  });
});
