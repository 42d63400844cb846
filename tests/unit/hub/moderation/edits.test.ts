import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingAdapters, type RecordingAdapters } from '../../../../src/hub/adapters/recording';
import { queueFor } from '../../../../src/hub/routing';
import { operationAckSchema, type Change } from '../../../../src/shared/protocol';
import {
  allChanges,
  connectConsole,
  loginAs,
  metaCommentPayload,
  postMeta,
  startDesk,
  waitUntil,
  type DeskFixture,
  type RawConsole,
} from '../helpers';
import { auditRows, commentMessage, hubRows, latestModeration } from './fixtures';

/*
 * Comments edited or taken down on Facebook, through the real hub: signed feed changes in
 * Meta's documented shape (`verb: "edited"` with the new `message`, `verb: "remove"`), a
 * raw console watching what the change log sends.
 */

let desk: DeskFixture;
let adapters: RecordingAdapters;
let alice: RawConsole;

beforeAll(async () => {
  adapters = createRecordingAdapters();
  desk = await startDesk({ alice: ['operator'] }, { adapters });
  alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
});

afterAll(async () => {
  alice.close();
  await desk.close();
});

/** Unix seconds, as Meta sends feed times. */
const T0 = 1_700_000_000;

type Verb = 'add' | 'edited' | 'remove';

async function post(commentId: string, fromId: string, text: string, time: number, verb: Verb) {
  const response = await postMeta(desk.hub, metaCommentPayload({ fromId, commentId, text, time, verb }));
  expect(response.status).toBe(200);
  return (await response.json()) as { stored: number; duplicates: number; unknown: number };
}

async function comment(text: string) {
  const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
  const fromId = `fb-${randomUUID()}`;
  await post(commentId, fromId, text, T0, 'add');
  return { commentId, fromId, ...(await commentMessage(alice, commentId)) };
}

const latestMessage = (id: string) =>
  allChanges(alice)
    .filter((ch): ch is Extract<Change, { entity: 'message' }> => ch.entity === 'message')
    .filter((ch) => ch.data.id === id)
    .at(-1)?.data;

const latestConversation = (id: string) =>
  allChanges(alice)
    .filter((ch): ch is Extract<Change, { entity: 'conversation' }> => ch.entity === 'conversation')
    .filter((ch) => ch.data.id === id)
    .at(-1)?.data;

const hidesOf = (commentId: string) =>
  adapters.moderated.filter((m) => m.call === 'hide' && m.target.commentId === commentId);

const THREAT = "He's got a knife outside no. 4, get here now you useless shits";

describe('a comment edited by its author', () => {
  it('is re-checked: new text on consoles, conversation escalated, hidden as a new comment would be', async () => {
    const c = await comment('Thanks for the update on the road closure');
    const before = await alice.waitFor(() => latestConversation(c.conversationId));
    expect(before).toMatchObject({ category: 'update-request', priority: 'normal' });
    expect(latestModeration(alice, c.messageId)).toBeUndefined();

    const edit = metaCommentPayload({
      fromId: c.fromId,
      commentId: c.commentId,
      text: THREAT,
      time: T0 + 60,
      verb: 'edited',
    });
    const response = await postMeta(desk.hub, edit);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1 });

    // The same message, not a new one, now carries the new text.
    await alice.waitFor(() => latestMessage(c.messageId)?.body === THREAT);
    const conversation = await alice.waitFor(() => {
      const latest = latestConversation(c.conversationId);
      return latest?.category === 'emergency' ? latest : undefined;
    });
    expect(conversation).toMatchObject({
      priority: 'urgent',
      queueId: queueFor('emergency'),
      status: 'open',
      preview: THREAT,
    });
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m).toMatchObject({
      state: 'hidden',
      review: 'pending',
      autoHidden: true,
      lastAction: 'hide',
      reason: 'obscene',
      actorId: null,
    });
    expect(m.flags).toContain('profanity');
    await waitUntil(() => hidesOf(c.commentId).length === 1);
    const autoHide = auditRows(desk.dir, 'moderation.auto-hide').filter((a) => a.subjectId === c.messageId);
    expect(autoHide).toHaveLength(1);
    expect(autoHide[0]?.detail).toMatchObject({ edited: true, commentId: c.commentId });
    expect(auditRows(desk.dir, 'comment.edited').filter((a) => a.subjectId === c.messageId)).toHaveLength(1);

    // One message in the conversation; the text it replaced is kept at the hub.
    expect(
      hubRows<{ body: string }>(
        desk.dir,
        'SELECT body FROM messages WHERE conversation_id = ?',
        c.conversationId,
      ),
    ).toEqual([{ body: THREAT }]);
    expect(
      hubRows<{ body: string }>(
        desk.dir,
        'SELECT body FROM message_revisions WHERE message_id = ?',
        c.messageId,
      ),
    ).toEqual([{ body: 'Thanks for the update on the road closure' }]);

    // Meta redelivering the same edit changes nothing.
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.platformSync === 'done');
    const seq = desk.hub.headSeq();
    const again = await postMeta(desk.hub, edit);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(desk.hub.headSeq()).toBe(seq);
    expect(hidesOf(c.commentId)).toHaveLength(1);
    expect(
      hubRows(desk.dir, 'SELECT 1 FROM message_revisions WHERE message_id = ?', c.messageId),
    ).toHaveLength(1);
  });

  it('flags an edit that publishes personal details, and takes a later edit back to the first text', async () => {
    const first = 'Is the Station Road closure still on tomorrow?';
    const c = await comment(first);
    expect(
      (await post(c.commentId, c.fromId, 'Ring me on 07700 900123 about it', T0 + 60, 'edited')).stored,
    ).toBe(1);
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m).toMatchObject({ state: 'visible', review: 'pending', suggestedReason: 'personal-details' });
    expect(m.flags).toContain('personal-details');
    expect(hidesOf(c.commentId)).toHaveLength(0);

    // Edited back: a later edit with the same text as before is a new edit, not a redelivery.
    expect((await post(c.commentId, c.fromId, first, T0 + 120, 'edited')).stored).toBe(1);
    await alice.waitFor(() => latestMessage(c.messageId)?.body === first);
    // Taking the number out does not clear the flag: a person decides that.
    expect(latestModeration(alice, c.messageId)?.flags).toContain('personal-details');
  });

  it('reopens a resolved conversation only when the edit escalates it', async () => {
    const c = await comment('Thanks for the update on the road closure');
    const submit = async (type: 'claim' | 'resolve') =>
      operationAckSchema.parse(await alice.submit({ type, conversationId: c.conversationId })).outcome;
    expect(await submit('claim')).toBe('accepted');
    expect(await submit('resolve')).toBe('accepted');

    // A typo fixed: the text changes, nothing else does.
    const fixed = 'Thanks for the update on the road closure!';
    expect((await post(c.commentId, c.fromId, fixed, T0 + 60, 'edited')).stored).toBe(1);
    await alice.waitFor(() => latestMessage(c.messageId)?.body === fixed);
    expect(latestConversation(c.conversationId)).toMatchObject({
      status: 'resolved',
      category: 'update-request',
    });

    expect((await post(c.commentId, c.fromId, THREAT, T0 + 120, 'edited')).stored).toBe(1);
    const reopened = await alice.waitFor(() => {
      const latest = latestConversation(c.conversationId);
      return latest?.status === 'open' ? latest : undefined;
    });
    expect(reopened).toMatchObject({ category: 'emergency', priority: 'urgent', assigneeId: null });
    expect(reopened.responseDueAt).not.toBeNull();
  });

  it('stores the edit of a comment the desk never had as a new comment', async () => {
    const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
    expect((await post(commentId, `fb-${randomUUID()}`, THREAT, T0, 'edited')).stored).toBe(1);
    const c = await commentMessage(alice, commentId);
    expect(latestMessage(c.messageId)?.body).toBe(THREAT);
    expect((await alice.waitFor(() => latestModeration(alice, c.messageId))).state).toBe('hidden');
    // The comment's own add arriving late is the same comment: not stored twice.
    expect((await post(commentId, `fb-late`, 'Thanks', T0, 'add')).duplicates).toBe(1);
  });
});

describe('a comment taken down on Facebook', () => {
  it('is kept with its text and marked deleted; a redelivery changes nothing', async () => {
    const c = await comment('Ring me on 07700 900123 about the car taken from outside');
    await alice.waitFor(() => latestModeration(alice, c.messageId));
    const removal = metaCommentPayload({
      fromId: c.fromId,
      commentId: c.commentId,
      text: '',
      time: T0 + 60,
      verb: 'remove',
    });
    const response = await postMeta(desk.hub, removal);
    expect(await response.json()).toMatchObject({ stored: 1 });
    const m = await alice.waitFor(() => {
      const latest = latestModeration(alice, c.messageId);
      return latest?.state === 'deleted' ? latest : undefined;
    });
    // Nobody on the desk acted, and the review still owed stays owed.
    expect(m).toMatchObject({ review: 'pending', lastAction: null, actorId: null });
    expect(hubRows(desk.dir, 'SELECT body FROM messages WHERE id = ?', c.messageId)).toEqual([
      { body: 'Ring me on 07700 900123 about the car taken from outside' },
    ]);
    expect(
      auditRows(desk.dir, 'moderation.removed-on-platform').filter((a) => a.subjectId === c.messageId),
    ).toHaveLength(1);

    const seq = desk.hub.headSeq();
    expect(await (await postMeta(desk.hub, removal)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(desk.hub.headSeq()).toBe(seq);
    // The removal of a comment the desk never had is noted in the answer and stores nothing.
    expect(await post(`PAGE1_POST1_${randomUUID().slice(0, 8)}`, 'fb-x', '', T0, 'remove')).toMatchObject({
      stored: 0,
      unknown: 1,
    });
    expect(desk.hub.headSeq()).toBe(seq);
  });
});
