import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphApiAdapter } from '../../../../src/hub/adapters/graph-api';
import { createXApiAdapter } from '../../../../src/hub/adapters/x-api';
import { cannedFor } from '../../../../src/shared/canned/responses';
import { operationAckSchema, type Change, type OperationInput } from '../../../../src/shared/protocol';
import {
  allChanges,
  connectConsole,
  loginAs,
  metaCommentPayload,
  metaDmPayload,
  postMeta,
  startDesk,
  waitUntil,
  type DeskFixture,
  type RawConsole,
} from '../helpers';
import {
  auditRows,
  commentMessage,
  fakePlatform,
  graphAnswer,
  graphObjectMissing,
  hubRows,
  latestModeration,
  type FakePlatform,
  type Seen,
} from './fixtures';

let graph: FakePlatform;
let x: FakePlatform;
let desk: DeskFixture;
let alice: RawConsole;
let lena: RawConsole;
let bob: RawConsole;
/** Comment ids whose first platform call fails with a 500 (to prove the retry). */
const failOnce = new Set<string>();
/** Comment ids whose reply call is read and then cut off, as when the link drops. */
const dropReplyTo = new Set<string>();
/** Comment ids Facebook refuses to hide, for good (a permissions error). */
const refuseHide = new Set<string>();
/** Comment ids their author already deleted on Facebook. */
const deletedByAuthor = new Set<string>();

beforeAll(async () => {
  graph = await fakePlatform((seen: Seen) => {
    for (const id of dropReplyTo) if (seen.url.includes(`${id}/comments`)) return 'drop';
    for (const id of refuseHide)
      if (seen.url.includes(id) && seen.method === 'POST')
        return {
          status: 400,
          json: { error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 } },
        };
    for (const id of failOnce) {
      if (seen.url.includes(id)) {
        failOnce.delete(id);
        return { status: 500, json: { error: { message: 'An unexpected error has occurred', code: 2 } } };
      }
    }
    for (const id of deletedByAuthor) {
      if (seen.url.includes(id)) return graphObjectMissing(id);
    }
    return graphAnswer(seen);
  });
  x = await fakePlatform(() => ({ status: 200, json: { data: { hidden: true } } }));
  desk = await startDesk(
    { alice: ['operator'], lena: ['lead'], bob: ['operator'] },
    {
      adapters: {
        facebook: createGraphApiAdapter({ baseUrl: `${graph.url}/v21.0`, pageAccessToken: 'page-token' }),
        x: createXApiAdapter({ baseUrl: x.url, accessToken: 'x-token' }),
      },
    },
  );
  alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
  lena = await connectConsole(desk.hub, await loginAs(desk.hub, 'lena'));
  bob = await connectConsole(desk.hub, await loginAs(desk.hub, 'bob'));
});

afterAll(async () => {
  alice.close();
  lena.close();
  bob.close();
  await desk.close();
  await graph.close();
  await x.close();
});

async function newComment(text: string, fromId = `fb-user-${randomUUID()}`) {
  const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
  const response = await postMeta(desk.hub, metaCommentPayload({ fromId, commentId, text }));
  expect(response.status).toBe(200);
  return { commentId, fromId, ...(await commentMessage(alice, commentId)) };
}

async function moderate(c: RawConsole, input: Omit<Extract<OperationInput, { type: 'moderate' }>, 'type'>) {
  return operationAckSchema.parse(await c.submit({ type: 'moderate', ...input }));
}

const callsTo = (fake: FakePlatform, part: string) => fake.seen.filter((s) => s.url.includes(part));

describe('moderating a public comment', () => {
  it('hides it with a reason: audited, synced to consoles and sent to Facebook', async () => {
    const c = await newComment('The officers on this post are a disgrace and useless');
    const ack = await moderate(alice, { ...c, action: 'hide', reason: 'abusive' });
    expect(ack.outcome).toBe('accepted');

    const call = await waitUntil(() => callsTo(graph, c.commentId)[0]);
    expect(call.method).toBe('POST');
    expect(new URL(call.url, graph.url).pathname).toBe(`/v21.0/${c.commentId}`);
    expect(new URL(call.url, graph.url).searchParams.get('access_token')).toBe('page-token');
    expect(call.body).toEqual({ is_hidden: true });

    const audit = auditRows(desk.dir, 'moderation.hide').filter((a) => a.subjectId === c.messageId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(desk.ids['alice']);
    expect(audit[0]?.detail).toMatchObject({
      reason: 'abusive',
      stateBefore: 'visible',
      stateAfter: 'hidden',
      platformCall: 'hide',
      commentId: c.commentId,
    });
    // Both consoles learn the new state, and that the platform confirmed it.
    await lena.waitFor(() => latestModeration(lena, c.messageId)?.platformSync === 'done');
    expect(latestModeration(lena, c.messageId)).toMatchObject({
      state: 'hidden',
      lastAction: 'hide',
      reason: 'abusive',
      actorId: desk.ids['alice'],
    });
  });

  it('unhides it: Facebook is told is_hidden false', async () => {
    const c = await newComment('Brilliant work by the team in town today, well done');
    await moderate(alice, { ...c, action: 'hide', reason: 'inflammatory' });
    await waitUntil(() => callsTo(graph, c.commentId).length === 1);
    expect((await moderate(alice, { ...c, action: 'unhide', reason: 'inflammatory' })).outcome).toBe(
      'accepted',
    );
    const call = await waitUntil(() => callsTo(graph, c.commentId)[1]);
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ is_hidden: false });
    const audit = auditRows(desk.dir, 'moderation.unhide').filter((a) => a.subjectId === c.messageId);
    expect(audit[0]?.detail).toMatchObject({
      stateBefore: 'hidden',
      stateAfter: 'visible',
      reason: 'inflammatory',
    });
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.state === 'visible');
  });

  it('deletes it with DELETE /{comment-id}; a deleted comment cannot be hidden again', async () => {
    const c = await newComment('Buy cheap followers now at spammy dot example, best prices');
    expect((await moderate(alice, { ...c, action: 'delete', reason: 'spam' })).outcome).toBe('accepted');
    const call = await waitUntil(() => callsTo(graph, c.commentId)[0]);
    expect(call.method).toBe('DELETE');
    expect(new URL(call.url, graph.url).pathname).toBe(`/v21.0/${c.commentId}`);
    expect(auditRows(desk.dir, 'moderation.delete').filter((a) => a.subjectId === c.messageId)).toHaveLength(
      1,
    );

    const again = await moderate(alice, { ...c, action: 'hide', reason: 'spam' });
    expect(again).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(callsTo(graph, c.commentId)).toHaveLength(1);
  });

  it('a comment its author already deleted counts as deleted, not as a refusal', async () => {
    const c = await newComment('Selling cheap phones, message me on the number in my profile');
    deletedByAuthor.add(c.commentId);
    expect((await moderate(alice, { ...c, action: 'delete', reason: 'spam' })).outcome).toBe('accepted');
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.platformSync === 'done', 15_000);
    expect(latestModeration(alice, c.messageId)).toMatchObject({ state: 'deleted', platformError: null });
    expect(callsTo(graph, c.commentId)).toHaveLength(1);
    const jobs = hubRows<{ state: string; attempts: number }>(
      desk.dir,
      'SELECT state, attempts FROM moderation_jobs WHERE subject_id = ?',
      c.messageId,
    );
    expect(jobs).toEqual([{ state: 'done', attempts: 1 }]);
    expect(
      allChanges(alice).filter((ch) => ch.entity === 'notice' && ch.data.conversationId === c.conversationId),
    ).toEqual([]);
  });

  it('replies publicly under the comment, as the thread shows', async () => {
    const c = await newComment('What time does the station front desk open on Sundays?');
    const body = 'Our front desks open 8am to 6pm on Sundays.';
    const ack = await moderate(alice, { ...c, action: 'reply', reason: 'unlawful', body });
    expect(ack.outcome).toBe('accepted');
    const call = await waitUntil(() => callsTo(graph, `${c.commentId}/comments`)[0]);
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ message: body });
    const audit = auditRows(desk.dir, 'moderation.reply').filter((a) => a.subjectId === c.messageId);
    expect(audit[0]?.detail['replyMessageId']).toBe(ack.opId);
    const reply = allChanges(lena).find(
      (ch): ch is Extract<Change, { entity: 'message' }> =>
        ch.entity === 'message' && ch.data.id === ack.opId,
    );
    expect(reply?.data).toMatchObject({ direction: 'outbound', body, authorId: desk.ids['alice'] });
    // Without text a public reply is refused.
    expect(await moderate(alice, { ...c, action: 'reply', reason: 'unlawful' })).toMatchObject({
      outcome: 'rejected',
      code: 'invalid',
    });
  });

  it('asks the person to message privately, in the language they wrote in', async () => {
    const c = await newComment('Mae rhywun wedi dwyn fy meic o’r orsaf, beth ddylwn i wneud plis');
    expect((await moderate(alice, { ...c, action: 'ask-private', reason: 'personal-details' })).outcome).toBe(
      'accepted',
    );
    const call = await waitUntil(() => callsTo(graph, `${c.commentId}/comments`)[0]);
    expect(call.body).toEqual({ message: cannedFor('message-privately', 'cy') });
    expect(
      auditRows(desk.dir, 'moderation.ask-private').filter((a) => a.subjectId === c.messageId),
    ).toHaveLength(1);
  });

  it('blocks the account: leads only, sent as POST /{page-id}/blocked', async () => {
    const c = await newComment('You lot are scum and I will keep posting this every day');
    const refused = await moderate(alice, { ...c, action: 'block', reason: 'abusive' });
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(callsTo(graph, '/blocked')).toHaveLength(0);

    expect((await moderate(lena, { ...c, action: 'block', reason: 'abusive' })).outcome).toBe('accepted');
    const call = await waitUntil(() => callsTo(graph, '/PAGE1/blocked')[0]);
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ user: [c.fromId] });
    const audit = auditRows(desk.dir, 'moderation.block').filter((a) => a.subjectId === c.messageId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(desk.ids['lena']);
    expect(audit[0]?.detail['reason']).toBe('abusive');
    const blocked = await alice.waitFor(() =>
      allChanges(alice).find(
        (ch): ch is Extract<Change, { entity: 'blocked-account' }> =>
          ch.entity === 'blocked-account' && ch.data.platformSync === 'done',
      ),
    );
    expect(blocked.data).toMatchObject({
      reason: 'abusive',
      blockedBy: desk.ids['lena'],
      messageId: c.messageId,
    });
  });

  it('marks a flagged comment reviewed without touching the platform', async () => {
    const c = await newComment('My neighbour at 14 Church Road keeps parking across my drive');
    const flagged = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(flagged.review).toBe('pending');
    const before = graph.seen.length;
    expect((await moderate(alice, { ...c, action: 'dismiss', reason: 'personal-details' })).outcome).toBe(
      'accepted',
    );
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.review === 'done');
    expect(graph.seen.slice(before).filter((s) => s.url.includes(c.commentId))).toHaveLength(0);
    expect(auditRows(desk.dir, 'moderation.dismiss').filter((a) => a.subjectId === c.messageId)).toHaveLength(
      1,
    );
  });

  it('retries a platform call that failed, like a reply', async () => {
    const c = await newComment('This page is a joke, nobody ever answers anything here');
    failOnce.add(c.commentId);
    await moderate(alice, { ...c, action: 'hide', reason: 'inflammatory' });
    await waitUntil(() => callsTo(graph, c.commentId).length >= 2, 15_000);
    const [first, second] = callsTo(graph, c.commentId);
    expect(first?.body).toEqual({ is_hidden: true });
    expect(second?.body).toEqual({ is_hidden: true });
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.platformSync === 'done', 15_000);
    const jobs = hubRows<{ state: string; attempts: number }>(
      desk.dir,
      'SELECT state, attempts FROM moderation_jobs WHERE subject_id = ?',
      c.messageId,
    );
    expect(jobs).toEqual([{ state: 'done', attempts: 2 }]);
  });

  it('answers in public only from whoever holds the conversation, as a reply does', async () => {
    const c = await newComment('Is the A48 still closed at Cowbridge this evening?');
    expect((await alice.submit({ type: 'claim', conversationId: c.conversationId })) as object).toMatchObject(
      {
        outcome: 'accepted',
      },
    );
    const body = 'Yes, until 8pm.';
    // What bob typed is not posted, nor lost: it is kept as a note for alice, and he is told,
    // as with an ordinary reply.
    for (const action of ['reply', 'ask-private'] as const) {
      const answer = await moderate(bob, { ...c, action, reason: 'unlawful', body: `${body} (${action})` });
      expect(answer, action).toMatchObject({ outcome: 'accepted' });
      expect(answer.outcome === 'accepted' && answer.notice).toMatch(
        /now held by alice. It was kept as an internal note/,
      );
    }
    const notes = hubRows(
      desk.dir,
      "SELECT body FROM messages WHERE conversation_id = ? AND direction = 'note' ORDER BY created_at",
      c.conversationId,
    );
    expect(notes).toEqual([{ body: `${body} (reply)` }, { body: `${body} (ask-private)` }]);
    // The canned request to message privately, which nobody typed, is simply refused.
    expect(await moderate(bob, { ...c, action: 'ask-private', reason: 'unlawful' })).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });
    // Neither counts as a moderation of the comment.
    expect(latestModeration(bob, c.messageId)?.lastAction ?? null).toBeNull();
    expect(callsTo(graph, `${c.commentId}/comments`)).toHaveLength(0);
    // Hiding abuse is not an answer: anyone on the desk may do it.
    expect((await moderate(bob, { ...c, action: 'hide', reason: 'abusive' })).outcome).toBe('accepted');
    // A lead may answer, as with a reply.
    expect((await moderate(lena, { ...c, action: 'reply', reason: 'unlawful', body })).outcome).toBe(
      'accepted',
    );
  });

  it('does not post a public reply again when Facebook may have taken it, and asks its author to check', async () => {
    const c = await newComment('Where do I hand in a found bike?');
    dropReplyTo.add(c.commentId);
    const body = 'Any front desk will take it.';
    expect((await moderate(alice, { ...c, action: 'reply', reason: 'unlawful', body })).outcome).toBe(
      'accepted',
    );
    await alice.waitFor(
      () =>
        allChanges(alice).find(
          (ch) =>
            ch.entity === 'notice' && /public reply may or may not have reached Facebook/.test(ch.data.text),
        ),
      10_000,
    );
    // A retry would come after 2 s: none comes.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(callsTo(graph, `${c.commentId}/comments`)).toHaveLength(1);
  });

  it('tells the leads when an automatic hide finally fails: the comment is still public', async () => {
    const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
    refuseHide.add(commentId);
    const text = 'This is a load of shit, sort the traffic lights out';
    const fromId = `fb-user-${randomUUID()}`;
    expect((await postMeta(desk.hub, metaCommentPayload({ fromId, commentId, text }))).status).toBe(200);
    const notice = await lena.waitFor(
      () =>
        allChanges(lena).find(
          (ch) =>
            ch.entity === 'notice' &&
            ch.data.text.startsWith('Facebook did not accept the automatic hide of a comment') &&
            ch.data.text.includes('Moderation tab'),
        ),
      10_000,
    );
    expect(notice.entity === 'notice' && notice.data.operatorId).toBe(desk.ids['lena']);
    // Operators are not told: deciding what to do about it is the leads' work.
    expect(
      allChanges(alice).some((ch) => ch.entity === 'notice' && ch.data.text.includes('automatic hide')),
    ).toBe(false);
  });

  it('leaves a confidential comment to staff cleared to read it', async () => {
    const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
    const text =
      'I have information about drug dealing at the house on Bridge Street, I want to stay anonymous';
    expect(
      (await postMeta(desk.hub, metaCommentPayload({ fromId: `fb-user-${randomUUID()}`, commentId, text })))
        .status,
    ).toBe(200);
    // alice is not cleared: her copy carries neither the text nor the comment's id.
    const [stored] = hubRows<{ id: string; conversation_id: string }>(
      desk.dir,
      `SELECT id, conversation_id FROM messages WHERE platform_message_id = '${commentId}'`,
    );
    if (stored === undefined) throw new Error('the comment was not stored');
    const c = { commentId, messageId: stored.id, conversationId: stored.conversation_id };
    const confidential = await alice.waitFor(() =>
      allChanges(alice).find((ch) => ch.entity === 'conversation' && ch.data.id === c.conversationId),
    );
    const message = await alice.waitFor(() =>
      allChanges(alice).find((ch) => ch.entity === 'message' && ch.data.id === c.messageId),
    );
    expect(message.entity === 'message' && message.data).toMatchObject({ body: '', platformMessageId: null });
    expect(confidential.entity === 'conversation' && confidential.data.confidential).toBe(true);
    for (const action of ['hide', 'ask-private', 'dismiss'] as const) {
      const ack = await moderate(alice, { ...c, action, reason: 'personal-details' });
      expect(ack, action).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    }
    expect(callsTo(graph, c.commentId)).toHaveLength(0);
  });

  it('refuses to moderate a private message or another conversation’s comment', async () => {
    const senderId = `dm-${randomUUID()}`;
    const mid = `m_${randomUUID()}`;
    await postMeta(desk.hub, metaDmPayload({ senderId, mid, text: 'Can I report a lost wallet here?' }));
    const dm = await commentMessage(alice, mid);
    expect(await moderate(alice, { ...dm, action: 'hide', reason: 'spam' })).toMatchObject({
      outcome: 'rejected',
      code: 'invalid',
    });
    const a = await newComment('First comment about the road closure on the A48');
    const b = await newComment('Second comment about the road closure on the A48');
    expect(
      await moderate(alice, {
        conversationId: a.conversationId,
        messageId: b.messageId,
        action: 'hide',
        reason: 'spam',
      }),
    ).toMatchObject({ outcome: 'rejected', code: 'not-found' });
    // Every refusal is on the record too.
    const refusals = hubRows<{ detail: string }>(
      desk.dir,
      "SELECT detail FROM audit WHERE action = 'op.moderate'",
    ).filter((r) => (JSON.parse(r.detail) as { outcome: string }).outcome === 'rejected');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });
});
