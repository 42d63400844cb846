import { afterEach, describe, expect, it } from 'vitest';
import { createGraphApiAdapter } from '../../../../src/hub/adapters/graph-api';
import { createXApiAdapter } from '../../../../src/hub/adapters/x-api';
import { connectConsole, loginAs, startDesk, type DeskFixture, type RawConsole } from '../helpers';
import { FakePlatforms } from './fake-platforms';
import {
  accept,
  ack,
  saveSubmitApprove,
  channelOf,
  draftInput,
  latestBroadcast,
  TINY_PNG_BASE64,
} from './support';

let desk: DeskFixture | null = null;
let fake: FakePlatforms | null = null;
const consoles: RawConsole[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  await desk?.close();
  await fake?.close();
  desk = null;
  fake = null;
});

/** A hub whose adapters are the real Graph and X clients, pointed at the local fake. */
async function start(): Promise<{
  platforms: FakePlatforms;
  olive: RawConsole;
  lena: RawConsole;
  leo: RawConsole;
}> {
  const platforms = new FakePlatforms();
  fake = platforms;
  await platforms.start();
  desk = await startDesk(
    { olive: ['operator'], lena: ['lead'], leo: ['lead'] },
    {
      adapters: {
        facebook: createGraphApiAdapter({
          baseUrl: `${platforms.url}/graph`,
          pageAccessToken: 'page-token',
          pageId: 'PAGE1',
        }),
        x: createXApiAdapter({ baseUrl: `${platforms.url}/x`, accessToken: 'x-token' }),
      },
    },
  );
  const open = async (name: string) => {
    if (desk === null) throw new Error('no desk');
    const c = await connectConsole(desk.hub, await loginAs(desk.hub, name));
    consoles.push(c);
    return c;
  };
  return { platforms, olive: await open('olive'), lena: await open('lena'), leo: await open('leo') };
}

/** A promise a fake platform's answer waits on, and what lets it go. */
function heldGate(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

const X_FORBIDDEN = {
  status: 403,
  json: {
    title: 'Forbidden',
    detail: 'You are not permitted to perform this action.',
    type: 'about:blank',
    status: 403,
  },
};

describe('publishing per channel through the real Graph and X clients', () => {
  it('one failing channel leaves the others published, and a retry re-posts only that channel', async () => {
    const { platforms, olive, lena, leo } = await start();
    platforms.override = (req) => (req.method === 'POST' && req.path === '/x/2/tweets' ? X_FORBIDDEN : null);
    const draft = draftInput();
    await saveSubmitApprove(olive, lena, draft);

    const failed = await leo.waitFor(() => {
      const b = latestBroadcast(leo, draft.broadcastId);
      return channelOf(b, 'x')?.state === 'failed' && channelOf(b, 'facebook')?.state === 'published'
        ? b
        : null;
    });
    expect(channelOf(failed, 'x')?.lastError).toMatch(/403.*not permitted/);
    expect(channelOf(failed, 'facebook')?.posts).toEqual([
      { part: 'bilingual', postId: expect.stringMatching(/^PAGE_/) as unknown },
    ]);
    const feedPost = platforms.seen.find((r) => r.path === '/graph/PAGE1/feed');
    expect(JSON.parse(feedPost?.body ?? '{}')).toEqual({ message: `${draft.textCy}\n\n${draft.textEn}` });

    // The platform recovers; the lead retries X alone.
    platforms.override = null;
    await accept(lena, { type: 'broadcast-retry', broadcastId: draft.broadcastId, channel: 'x' });
    const done = await leo.waitFor(() => {
      const b = latestBroadcast(leo, draft.broadcastId);
      return channelOf(b, 'x')?.state === 'published' ? b : null;
    });
    expect(channelOf(done, 'x')?.posts.map((p) => p.part)).toEqual(['cy', 'en']);
    expect(platforms.count('POST', /^\/graph\/PAGE1\/feed$/)).toBe(1);
    // One refused attempt (cy) plus the two successful posts.
    expect(platforms.count('POST', /^\/x\/2\/tweets$/)).toBe(3);
  });

  it('a failed channel is not retried with a version nobody approved', async () => {
    const { platforms, olive, lena, leo } = await start();
    platforms.override = (req) => (req.method === 'POST' && req.path === '/x/2/tweets' ? X_FORBIDDEN : null);
    const draft = draftInput();
    await saveSubmitApprove(olive, lena, draft);
    await leo.waitFor(
      () => channelOf(latestBroadcast(leo, draft.broadcastId), 'x')?.state === 'failed' || null,
    );
    platforms.override = null;

    // The author edits it afterwards: a new version, a draft again, that no lead has seen.
    await accept(olive, { ...draft, textEn: `${draft.textEn} Diversion via [road].` });
    await leo.waitFor(() => latestBroadcast(leo, draft.broadcastId)?.status === 'draft' || null);
    const tweets = platforms.count('POST', /^\/x\/2\/tweets$/);
    const retried = ack(
      await lena.submit({ type: 'broadcast-retry', broadcastId: draft.broadcastId, channel: 'x' }),
    );
    expect(retried).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(retried.outcome === 'rejected' && retried.reason).toMatch(/draft, not approved/);
    // The publisher runs every 500 ms: nothing went out in the next few rounds.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(platforms.count('POST', /^\/x\/2\/tweets$/)).toBe(tweets);
    expect(channelOf(latestBroadcast(leo, draft.broadcastId), 'x')?.state).toBe('failed');
  });

  it('a post that may have gone out (a 500 from Facebook) is not posted again: the channel says check the page', async () => {
    const { platforms, olive, lena, leo } = await start();
    // Meta's documented "unexpected error" body, which can come after the post was made.
    const graph500 = {
      status: 500,
      json: { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1 } },
    };
    platforms.override = (req) =>
      req.method === 'POST' && req.path === '/graph/PAGE1/feed' ? graph500 : null;
    const draft = draftInput();
    await saveSubmitApprove(olive, lena, draft);
    const unsure = await leo.waitFor(() => {
      const b = latestBroadcast(leo, draft.broadcastId);
      return channelOf(b, 'facebook')?.state === 'uncertain' ? b : null;
    });
    expect(channelOf(unsure, 'facebook')?.lastError).toMatch(/check whether it is live before retrying/);
    // A retry would have come within a second or two: none came.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(platforms.count('POST', /^\/graph\/PAGE1\/feed$/)).toBe(1);
    // The lead looks, finds it missing, and retries.
    platforms.override = null;
    await accept(lena, { type: 'broadcast-retry', broadcastId: draft.broadcastId, channel: 'facebook' });
    await leo.waitFor(
      () => channelOf(latestBroadcast(leo, draft.broadcastId), 'facebook')?.state === 'published',
    );
    expect(platforms.count('POST', /^\/graph\/PAGE1\/feed$/)).toBe(2);
  });

  it('a retraction takes the broadcast down on every channel it was published on', async () => {
    const { platforms, olive, lena, leo } = await start();
    const draft = draftInput({
      templateId: 'missing-appeal',
      image: { name: 'sam.png', mime: 'image/png', alt: 'Sam', base64: TINY_PNG_BASE64 },
    });
    await saveSubmitApprove(olive, lena, draft);
    const live = await leo.waitFor(() => {
      const b = latestBroadcast(leo, draft.broadcastId);
      return channelOf(b, 'x')?.state === 'published' && channelOf(b, 'facebook')?.state === 'published'
        ? b
        : null;
    });
    // The photo went to /photos as multipart and to X's media upload before the posts.
    const photo = platforms.seen.find((r) => r.path === '/graph/PAGE1/photos');
    expect(photo?.contentType).toMatch(/^multipart\/form-data/);
    expect(platforms.count('POST', /^\/x\/2\/media\/upload$/)).toBe(2);
    const tweet = platforms.seen.find((r) => r.path === '/x/2/tweets');
    expect(JSON.parse(tweet?.body ?? '{}')).toMatchObject({
      media: { media_ids: [expect.stringMatching(/^MEDIA_/) as unknown] },
    });

    const postIds = live.channelStatus.flatMap((c) => c.posts.map((p) => p.postId));
    expect(postIds).toHaveLength(3);
    await accept(leo, { type: 'broadcast-retract', broadcastId: draft.broadcastId, comment: 'Found safe' });
    const down = await lena.waitFor(() => {
      const b = latestBroadcast(lena, draft.broadcastId);
      return b?.channelStatus.every((c) => c.state === 'retracted') === true ? b : null;
    });
    expect(down.status).toBe('retracted');
    const deleted = platforms.seen.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').at(-1));
    expect(deleted.sort()).toEqual([...postIds].sort());
    expect(down.channelStatus.every((c) => c.posts.length === 0)).toBe(true);
  });

  it('a version approved while the first post is in flight replaces that post, not leaves it up', async () => {
    const { platforms, olive, lena, leo } = await start();
    // Facebook holds the first post until version 2 has been approved.
    const gate = heldGate();
    let first = true;
    platforms.override = async (req) => {
      if (req.method === 'POST' && req.path === '/graph/PAGE1/feed' && first) {
        first = false;
        await gate.held;
      }
      return null;
    };
    const draft = draftInput({ channels: ['facebook'] });
    await saveSubmitApprove(olive, lena, draft);
    await leo.waitFor(() => platforms.count('POST', /^\/graph\/PAGE1\/feed$/) === 1);
    const corrected = 'ROAD CLOSURE: The M4 is closed between J24 and J27. Please avoid the area.';
    await saveSubmitApprove(olive, lena, { ...draft, textEn: corrected });
    gate.release();

    const done = await leo.waitFor(() => {
      const b = latestBroadcast(leo, draft.broadcastId);
      const fb = channelOf(b, 'facebook');
      return fb?.state === 'published' && fb.publishedVersion === 2 ? fb : null;
    });
    // The post made from version 1 was edited to version 2's text, not left up.
    const postId = done.posts[0]?.postId ?? '';
    const edit = platforms.seen.find((r) => r.method === 'POST' && r.path === `/graph/${postId}`);
    expect(JSON.parse(edit?.body ?? '{}')).toEqual({ message: `${draft.textCy}\n\n${corrected}` });
    expect(platforms.count('POST', /^\/graph\/PAGE1\/feed$/)).toBe(1);
  });

  it('a retraction while a post is on its way takes that post down once it is saved', async () => {
    const { platforms, olive, lena, leo } = await start();
    const gate = heldGate();
    platforms.override = async (req) => {
      if (req.method === 'POST' && req.path === '/graph/PAGE1/feed') await gate.held;
      return null;
    };
    const draft = draftInput({ channels: ['facebook'] });
    await saveSubmitApprove(olive, lena, draft);
    await leo.waitFor(() => platforms.count('POST', /^\/graph\/PAGE1\/feed$/) === 1);
    await accept(lena, { type: 'broadcast-retract', broadcastId: draft.broadcastId, comment: 'Found safe' });
    gate.release();
    const done = await leo.waitFor(() => {
      const fb = channelOf(latestBroadcast(leo, draft.broadcastId), 'facebook');
      return fb?.state === 'retracted' ? fb : null;
    });
    expect(done.posts).toEqual([]);
    expect(platforms.count('DELETE', /^\/graph\/PAGE_\d+$/)).toBe(1);
  });

  it('a retraction while a post is on its way that never answers says check the page, not retracted', async () => {
    const { platforms, olive, lena, leo } = await start();
    const gate = heldGate();
    platforms.override = async (req) => {
      if (req.method !== 'POST' || req.path !== '/graph/PAGE1/feed') return null;
      await gate.held;
      // Meta's "unknown error" after the post may already have been made.
      return { status: 500, json: { error: { message: 'An unknown error has occurred.', code: 1 } } };
    };
    const draft = draftInput({ channels: ['facebook'] });
    await saveSubmitApprove(olive, lena, draft);
    await leo.waitFor(() => platforms.count('POST', /^\/graph\/PAGE1\/feed$/) === 1);
    await accept(lena, { type: 'broadcast-retract', broadcastId: draft.broadcastId, comment: 'Found safe' });
    gate.release();
    const unsure = await leo.waitFor(() => {
      const fb = channelOf(latestBroadcast(leo, draft.broadcastId), 'facebook');
      return fb?.state === 'uncertain' ? fb : null;
    });
    expect(unsure.lastError).toMatch(/one more may have gone out while it was being posted\. Check the page/);
    expect(latestBroadcast(leo, draft.broadcastId)?.status).toBe('retracted');
    // The lead looks, removes it by hand if it is there, and retries: now it is done.
    await accept(lena, { type: 'broadcast-retry', broadcastId: draft.broadcastId, channel: 'facebook' });
    await leo.waitFor(
      () => channelOf(latestBroadcast(leo, draft.broadcastId), 'facebook')?.state === 'retracted',
    );
  });

  it('an approved update edits the Facebook post in place and reposts on X', async () => {
    const { platforms, olive, lena } = await start();
    const draft = draftInput();
    await saveSubmitApprove(olive, lena, draft);
    const first = await lena.waitFor(() => {
      const b = latestBroadcast(lena, draft.broadcastId);
      return channelOf(b, 'x')?.state === 'published' && channelOf(b, 'facebook')?.state === 'published'
        ? b
        : null;
    });
    const fbId = channelOf(first, 'facebook')?.posts[0]?.postId ?? '';
    await saveSubmitApprove(olive, lena, {
      ...draft,
      textEn: 'UPDATE: The M4 has reopened.',
      textCy: 'DIWEDDARIAD: Mae’r M4 wedi ailagor.',
    });
    const second = await lena.waitFor(() => {
      const b = latestBroadcast(lena, draft.broadcastId);
      return b?.version === 2 &&
        b.channelStatus.every((c) => c.state === 'published' && c.publishedVersion === 2)
        ? b
        : null;
    });
    const edit = platforms.seen.find((r) => r.method === 'POST' && r.path === `/graph/${fbId}`);
    expect(JSON.parse(edit?.body ?? '{}')).toEqual({
      message: 'DIWEDDARIAD: Mae’r M4 wedi ailagor.\n\nUPDATE: The M4 has reopened.',
    });
    expect(channelOf(second, 'facebook')?.posts[0]?.postId).toBe(fbId);
    expect(platforms.count('DELETE', /^\/x\/2\/tweets\//)).toBe(2);
    expect(second.versions.map((v) => v.version)).toEqual([1, 2]);
  });
});
