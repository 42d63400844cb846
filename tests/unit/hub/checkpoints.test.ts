import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { metaDmBody, postSignedMeta } from '../../support/webhooks';
import { waitFor } from '../../support/wait';
import { META_SECRET, startTestHub } from './helpers';

/**
 * A webhook flood: 20 deliveries of 60 new people each, committed one after another. Each
 * commit writes well over a hundred pages to the log, so together they pass the 1,000
 * pages at which SQLite would otherwise checkpoint inside a commit.
 */
async function flood(hubUrl: string): Promise<void> {
  for (let d = 0; d < 20; d += 1) {
    const body = metaDmBody(
      Array.from({ length: 60 }, (_, i) => ({
        senderId: `psid-${String(d)}-${String(i)}`,
        mid: `m_${String(d)}_${String(i)}`,
        text: `Report ${String(d)}.${String(i)}: my bike was stolen from outside the station`,
      })),
    );
    expect(await postSignedMeta(hubUrl, body, META_SECRET)).toBe(200);
  }
}

describe('hub checkpoints', () => {
  it('are never taken inside a commit, where they held up every webhook and console', async () => {
    const desk = await startTestHub({ checkpointEveryMs: 3_600_000 });
    try {
      const fileSize = (): number => statSync(hubDbPath(desk.dir)).size;
      const before = fileSize();
      await flood(desk.hub.url);
      // Everything went to the log; the database file itself was not touched by a commit.
      expect(fileSize()).toBe(before);
      expect(desk.hub.headSeq()).toBeGreaterThan(4 * 1200);
    } finally {
      await desk.close();
    }
  });

  it('fold the log back into the database file on their own timer', async () => {
    const desk = await startTestHub({ checkpointEveryMs: 40 });
    try {
      const fileSize = (): number => statSync(hubDbPath(desk.dir)).size;
      const before = fileSize();
      await flood(desk.hub.url);
      await waitFor(() => fileSize() > before + 1_000_000, { timeoutMs: 5000, intervalMs: 20 });
    } finally {
      await desk.close();
    }
  });
});
