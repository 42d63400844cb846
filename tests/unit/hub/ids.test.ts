import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from '../../../src/hub/ids';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('newId', () => {
  it('makes RFC 9562 version 7 UUIDs, all different across many refills of its random pool', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts ids made later after ids made earlier, so new rows sit together in an index', async () => {
    const earlier = Array.from({ length: 20 }, () => newId());
    await sleep(5);
    const later = Array.from({ length: 20 }, () => newId());
    const newestEarlier = [...earlier].sort().at(-1) ?? '';
    for (const id of later) expect(id > newestEarlier).toBe(true);
  });
});
