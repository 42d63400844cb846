import { afterEach, describe, expect, it } from 'vitest';
import { createGraphApiAdapter } from '../../../../src/hub/adapters/graph-api';
import { createXApiAdapter } from '../../../../src/hub/adapters/x-api';
import type { RunningHub } from '../../../../src/hub/server';
import { spawnHub } from '../../../support/child-hub';
import { freePort } from '../../../support/net';
import {
  connectConsole,
  createUser,
  loginAs,
  startTestHub,
  tempDir,
  waitUntil,
  type RawConsole,
  type TestHub,
} from '../helpers';
import { FakePlatforms } from './fake-platforms';
import {
  accept,
  channelOf,
  draftInput,
  hubRows,
  latestBroadcast,
  pullUntil,
  saveSubmitApprove,
} from './support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function fakePlatforms(): Promise<FakePlatforms> {
  const platforms = new FakePlatforms();
  await platforms.start();
  cleanups.push(() => platforms.close());
  return platforms;
}

function adaptersFor(platforms: FakePlatforms) {
  return {
    facebook: createGraphApiAdapter({
      baseUrl: `${platforms.url}/graph`,
      pageAccessToken: 'page-token',
      pageId: 'PAGE1',
    }),
    x: createXApiAdapter({ baseUrl: `${platforms.url}/x`, accessToken: 'x-token' }),
  };
}

async function open(hub: RunningHub, name: string): Promise<RawConsole> {
  const c = await connectConsole(hub, await loginAs(hub, name));
  cleanups.push(() => {
    c.close();
  });
  return c;
}

/** Approves a broadcast to publish at `publishAt`; returns its id. */
async function scheduleOne(hub: RunningHub, publishAt: number): Promise<string> {
  const olive = await open(hub, 'olive');
  const lena = await open(hub, 'lena');
  const draft = draftInput();
  await saveSubmitApprove(olive, lena, draft, publishAt);
  const scheduled =
    latestBroadcast(lena, draft.broadcastId) ??
    (await lena.waitFor(() => latestBroadcast(lena, draft.broadcastId)));
  expect(scheduled.channelStatus.map((c) => c.state)).toEqual(['scheduled', 'scheduled']);
  olive.close();
  lena.close();
  return draft.broadcastId;
}

const dueJobs = (dir: string): number =>
  (
    hubRows(dir, 'SELECT COUNT(*) AS n FROM broadcast_channels WHERE due_at IS NOT NULL') as { n: number }[]
  )[0]?.n ?? -1;

describe('scheduled publishing survives hub restarts', () => {
  it('goes out once when the hub was down at the scheduled time and is restarted twice after', async () => {
    const platforms = await fakePlatforms();
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    await createUser(dir, 'olive', 'operator');
    await createUser(dir, 'lena', 'lead');
    const options = { adapters: adaptersFor(platforms) };

    let hub: TestHub = await startTestHub(options, dir);
    const publishAt = Date.now() + 1500;
    const id = await scheduleOne(hub.hub, publishAt);
    await hub.close();
    expect(platforms.seen).toHaveLength(0);
    await waitUntil(() => Date.now() > publishAt + 200, 5000);

    hub = await startTestHub(options, dir);
    await waitUntil(() => platforms.count('POST', /\/x\/2\/tweets$/) === 2, 10_000);
    const lena = await open(hub.hub, 'lena');
    const published = await pullUntil(lena, id, (b) => b.channelStatus.every((c) => c.state === 'published'));
    expect(channelOf(published, 'facebook')?.publishedVersion).toBe(1);
    await hub.close();

    // Restart again right after publication: nothing is due, nothing goes out again.
    hub = await startTestHub(options, dir);
    const again = await open(hub.hub, 'lena');
    await again.submit({
      type: 'desk-alert-send',
      alertId: 'restart-check',
      text: 'check',
      severity: 'info',
      expiresAt: Date.now() + 60_000,
    });
    await again.waitFor(() => again.batches.some((b) => b.changes.some((c) => c.entity === 'desk-alert')));
    await hub.close();
    expect(dueJobs(dir)).toBe(0);
    expect(platforms.count('POST', /^\/graph\/PAGE1\/feed$/)).toBe(1);
    expect(platforms.count('POST', /^\/x\/2\/tweets$/)).toBe(2);
  });

  it('a hub killed while posting does not post again on restart: the channel is marked uncertain for a person to check', async () => {
    const platforms = await fakePlatforms();
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    await createUser(dir, 'olive', 'operator');
    await createUser(dir, 'lena', 'lead');
    const port = await freePort();
    // X accepts the connection but never answers: the post is in flight when the hub dies.
    platforms.override = (req) => (req.path === '/x/2/tweets' ? 'hang' : null);

    let child = await startChild(dir, port, platforms);
    const publishAt = Date.now() + 800;
    const id = await scheduleOne(child.hub, publishAt);
    await waitUntil(() => platforms.count('POST', /\/x\/2\/tweets$/) === 1, 10_000);
    await waitUntil(() => platforms.count('POST', /\/graph\/PAGE1\/feed$/) === 1, 10_000);
    await child.kill();

    platforms.override = null;
    child = await startChild(dir, port, platforms);
    const lena = await open(child.hub, 'lena');
    const after = await pullUntil(lena, id, (b) => channelOf(b, 'x')?.state === 'uncertain');
    expect(channelOf(after, 'facebook')?.state).toBe('published');
    expect(channelOf(after, 'x')?.lastError).toMatch(/Check whether the post is live/);
    expect(platforms.count('POST', /\/x\/2\/tweets$/)).toBe(1);

    // A lead checked the page; retrying posts X and leaves Facebook alone.
    await accept(lena, { type: 'broadcast-retry', broadcastId: id, channel: 'x' });
    await pullUntil(lena, id, (b) => channelOf(b, 'x')?.state === 'published');
    expect(platforms.count('POST', /\/x\/2\/tweets$/)).toBe(3);
    expect(platforms.count('POST', /\/graph\/PAGE1\/feed$/)).toBe(1);
    await child.kill();
  });
});

interface Child {
  readonly hub: RunningHub;
  kill(): Promise<void>;
}

/** `hub serve` as its own process with the real platform clients aimed at the fake. */
async function startChild(dir: string, port: number, platforms: FakePlatforms): Promise<Child> {
  const { url, kill } = await spawnHub(dir, port, {
    DESK_TOKEN_SECRET: 'token-secret-for-tests',
    DESK_GRAPH_API_BASE: `${platforms.url}/graph`,
    DESK_FB_PAGE_TOKEN: 'page-token',
    DESK_FB_PAGE_ID: 'PAGE1',
    DESK_X_API_BASE: `${platforms.url}/x`,
    DESK_X_ACCESS_TOKEN: 'x-token',
  });
  cleanups.push(kill);
  const hub: RunningHub = {
    url,
    port,
    dataDir: dir,
    headSeq: () => 0,
    secrets: { metaVerifyToken: null, metaAppSecret: 'unused', xConsumerSecret: 'unused' },
    close: kill,
  };
  return { hub, kill };
}
