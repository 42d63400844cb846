import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeUser,
  disableUser,
  enableUser,
  listUsers,
  resetPassword,
  signOutUser,
} from '../../../src/hub/user-accounts';
import {
  DeskCallError,
  PASSWORD,
  outboxSize,
  auditTrail,
  sendDm,
  signedInConsole,
  startDesk,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

// The account changes run on the data directory through a connection of their own, as the
// hub CLI does from another process while the hub serves.

let desk: Desk;
let lena: TestConsole;
const consoles: TestConsole[] = [];

beforeAll(async () => {
  desk = await startDesk({
    alice: ['operator'],
    bob: ['operator'],
    carol: ['operator', ['confidential']],
    dan: ['operator'],
    lena: ['lead'],
  });
  lena = await signedInConsole(desk.hub.url, 'lena');
  consoles.push(lena);
});

afterAll(async () => {
  await Promise.all(consoles.map((c) => c.close()));
  await desk.hub.close();
});

async function signIn(name: string): Promise<TestConsole> {
  const c = await signedInConsole(desk.hub.url, name);
  consoles.push(c);
  return c;
}

const signedOut = (c: TestConsole, who: string): Promise<true> =>
  waitUntil(() => !c.engine.sessionState().signedIn, `${who}'s console asks for a sign-in`, 15_000);

async function signInError(c: TestConsole, name: string, password = PASSWORD): Promise<string> {
  try {
    await c.call('session.signIn', { hubUrl: desk.hub.url, name, password });
  } catch (error) {
    if (error instanceof DeskCallError) return error.code;
    throw error;
  }
  return 'signed in';
}

const audited = (action: string, subjectId: string | undefined) =>
  auditTrail(desk.dir).filter((a) => a.action === action && a.subjectId === subjectId);

describe('a disabled account', () => {
  it('loses its open link, cannot sign in or be given work, and comes back when enabled', async () => {
    const alice = await signIn('alice');
    const { sessionsEnded } = disableUser(desk.dir, 'alice');
    expect(sessionsEnded).toBe(1);
    await signedOut(alice, 'alice');
    expect(await signInError(alice, 'alice')).toBe('disabled');
    // A wrong password is answered as for anyone: the account's state is not given away.
    expect(await signInError(alice, 'alice', 'not the password')).toBe('bad-credentials');
    expect(listUsers(desk.dir).find((u) => u.operator.name === 'alice')).toMatchObject({
      disabledAt: expect.any(Number) as number,
      liveSessions: 0,
    });
    expect(audited('user.disable', desk.ids['alice'])).toHaveLength(1);

    await sendDm(desk.hub.url, 'Someone keeps ringing my doorbell at night, wagtail');
    const id = await waitForConversation(lena, 'wagtail');
    const move = await lena.call('actions.submit', {
      type: 'reassign',
      conversationIds: [id],
      toOperatorId: desk.ids['alice'] ?? '',
    });
    await waitUntil(
      () => lena.eventsOf('action.outcome').some((o) => o.opId === move.opId),
      'the hub answers the reassign',
    );
    expect(lena.eventsOf('action.outcome').find((o) => o.opId === move.opId)).toMatchObject({
      outcome: 'rejected',
      reason: "alice's account is disabled.",
    });

    enableUser(desk.dir, 'alice');
    expect(await signInError(alice, 'alice')).toBe('signed in');
    await waitUntil(() => alice.engine.connectionState().status === 'online', 'alice back online');
  });
});

describe('ending sessions', () => {
  it('signs someone out everywhere without disabling them', async () => {
    const bob = await signIn('bob');
    expect(signOutUser(desk.dir, 'bob')).toBe(1);
    await signedOut(bob, 'bob');
    expect(await signInError(bob, 'bob')).toBe('signed in');
    expect(audited('user.sign-out', desk.ids['bob'])).toHaveLength(1);
  });

  it('a new password ends the sessions, and only the new one signs in', async () => {
    const dan = await signIn('dan');
    expect(await resetPassword(desk.dir, 'dan', 'a brand new passphrase')).toBe(1);
    await signedOut(dan, 'dan');
    expect(await signInError(dan, 'dan')).toBe('bad-credentials');
    expect(await signInError(dan, 'dan', 'a brand new passphrase')).toBe('signed in');
  });
});

describe('taking clearance away', () => {
  it('ends the session, and the console starts again without the text it may no longer read', async () => {
    const carol = await signIn('carol');
    await sendDm(desk.hub.url, 'A man indecently exposed himself to me by the river, kingfisher');
    const id = await waitForConversation(carol, 'kingfisher');
    expect(carol.engine.getConversation(id).messages[0]?.body).toContain('exposed');
    await carol.call('actions.submit', { type: 'claim', conversationId: id });
    await waitUntil(
      () =>
        carol.engine.getConversation(id).conversation.assigneeId === desk.ids['carol'] &&
        outboxSize(carol) === 0,
      'carol holds it',
    );

    const { operator, sessionsEnded } = changeUser(desk.dir, 'carol', { cleared: false });
    expect(operator.skills).toEqual([]);
    expect(sessionsEnded).toBe(1);
    await signedOut(carol, 'carol');
    expect(await signInError(carol, 'carol')).toBe('signed in');
    await waitUntil(
      () => carol.engine.connectionState().lastSeq >= desk.hub.headSeq(),
      'carol level with the hub',
    );
    const detail = carol.engine.getConversation(id);
    expect(detail.conversation.confidential).toBe(true);
    // She may no longer work it: it went back to its queue for someone cleared.
    expect(detail.conversation.assigneeId).toBeNull();
    expect(lena.engine.getConversation(id).conversation.assigneeId).toBeNull();
    expect(detail.messages.map((m) => m.body)).toEqual(['']);
    const found = await carol.call('conversations.list', {
      filter: { search: 'kingfisher' },
      offset: 0,
      limit: 5,
    });
    expect(found.rows).toEqual([]);
    expect(audited('user.change', desk.ids['carol'])).toHaveLength(1);
  });

  it('a change of capacity alone keeps the session', async () => {
    const before = lena.engine.connectionState().lastSeq;
    expect(changeUser(desk.dir, 'lena', { capacity: 5 }).sessionsEnded).toBe(0);
    // The hub sends what another process wrote to its log on its next account check.
    await waitUntil(
      () => lena.engine.listOperators().some((o) => o.name === 'lena' && o.capacity === 5),
      'the new capacity reaches the consoles',
    );
    expect(lena.engine.connectionState().lastSeq).toBeGreaterThan(before);
    expect(lena.engine.sessionState().signedIn).toBe(true);
  });
});
