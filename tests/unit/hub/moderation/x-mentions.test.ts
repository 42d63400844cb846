import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingAdapters, type RecordingAdapters } from '../../../../src/hub/adapters/recording';
import { NOT_HIDEABLE } from '../../../../src/hub/ops/moderation';
import { xTweetPayload } from '../../../../src/hub/webhooks/payloads';
import { operationAckSchema, type Change } from '../../../../src/shared/protocol';
import {
  allChanges,
  connectConsole,
  loginAs,
  postX,
  startDesk,
  waitUntil,
  type DeskFixture,
  type RawConsole,
} from '../helpers';
import { auditRows, commentMessage, latestModeration } from './fixtures';

const FORCE = '1716450569358098432';
/** One of the force's own posts, which people answer. */
const FORCE_POST = '1799000000000000001';

let desk: DeskFixture;
let adapters: RecordingAdapters;
let lena: RawConsole;

beforeAll(async () => {
  adapters = createRecordingAdapters();
  desk = await startDesk({ lena: ['lead'] }, { adapters });
  lena = await connectConsole(desk.hub, await loginAs(desk.hub, 'lena'));
});

afterAll(async () => {
  lena.close();
  await desk.close();
});

let next = 0;
/** A post on X from a new person: a mention, or (with `inReplyTo`) an answer to a post. */
async function post(text: string, inReplyTo?: string) {
  next += 1;
  const id = `18000000000000${String(next).padStart(5, '0')}`;
  const response = await postX(
    desk.hub,
    xTweetPayload(FORCE, {
      id,
      createdAt: Date.now(),
      userId: `${String(next)}${randomUUID().replace(/\D/g, '').slice(0, 8)}`,
      userName: 'Someone',
      screenName: 'someone',
      text,
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
    }),
  );
  expect(await response.json()).toMatchObject({ stored: 1 });
  return { commentId: id, ...(await commentMessage(lena, id)) };
}

const messageOf = (messageId: string) =>
  allChanges(lena).find(
    (c): c is Extract<Change, { entity: 'message' }> => c.entity === 'message' && c.data.id === messageId,
  )?.data;

const hidesOf = (commentId: string) =>
  adapters.moderated.filter((m) => m.call === 'hide' && m.target.commentId === commentId);

describe('posts on X that X will not let the force hide', () => {
  it('an abusive mention that answers nobody is flagged for a person, not hidden, and nobody hears of a failed hide', async () => {
    const mention = await post('@ExamplePolice you lot are shit, where were you last night');
    // An abusive answer to one of the force's posts, after it: X lets the force hide that.
    const reply = await post('@ExamplePolice this is shit policing', FORCE_POST);

    expect(messageOf(mention.messageId)?.hideable).toBe(false);
    expect(messageOf(reply.messageId)).not.toHaveProperty('hideable');
    const flagged = await lena.waitFor(() => latestModeration(lena, mention.messageId));
    expect(flagged).toMatchObject({
      state: 'visible',
      review: 'pending',
      autoHidden: false,
      lastAction: null,
      platformSync: 'none',
    });
    expect(flagged.flags).toContain('profanity');
    const hidden = await lena.waitFor(() => latestModeration(lena, reply.messageId));
    expect(hidden).toMatchObject({ state: 'hidden', autoHidden: true });

    await waitUntil(() => hidesOf(reply.commentId).length === 1);
    expect(hidesOf(mention.commentId)).toEqual([]);
    const audit = auditRows(desk.dir, 'moderation.').filter((a) => a.subjectId === mention.messageId);
    expect(audit.map((a) => [a.action, a.detail.hideable])).toEqual([['moderation.flag', false]]);
  });

  it('a hide asked for by a person is refused with the reason, and nothing is sent to X', async () => {
    const mention = await post('@ExamplePolice is the A470 still closed at Pontypridd?');
    const ack = operationAckSchema.parse(
      await lena.submit({
        type: 'moderate',
        conversationId: mention.conversationId,
        messageId: mention.messageId,
        action: 'hide',
        reason: 'abusive',
      }),
    );
    expect(ack).toMatchObject({ outcome: 'rejected', code: 'invalid', reason: NOT_HIDEABLE });
    // Whatever triage flagged on it stands; nobody hid it.
    const after = latestModeration(lena, mention.messageId);
    expect(after?.state ?? 'visible').toBe('visible');
    expect(after?.lastAction ?? null).toBeNull();
    expect(hidesOf(mention.commentId)).toEqual([]);
  });
});
