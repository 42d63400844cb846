import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSlaPolicies, type SlaPolicies } from '../../../../src/shared/sla';

export const SEC = 1_000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A fixed hub-time origin so failures print readable numbers. */
export const T0 = Date.UTC(2025, 8, 1, 9, 0, 0);

export const POLICY_FILE = fileURLToPath(
  new URL('../../../../resources/config/sla-policies.json', import.meta.url),
);

export function readPolicyJson(): unknown {
  return JSON.parse(readFileSync(POLICY_FILE, 'utf8')) as unknown;
}

/** The shipped defaults, parsed exactly as the hub will parse them. */
export function defaultPolicies(): SlaPolicies {
  const result = parseSlaPolicies(readPolicyJson());
  if (!result.ok) throw new Error(result.error);
  return result.policies;
}

/** Small deterministic PRNG (mulberry32) so generated cases are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
