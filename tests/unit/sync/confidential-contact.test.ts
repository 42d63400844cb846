import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/engine/db/meta';
import { metaCommentBody, postSignedMeta } from '../../support/webhooks';
import {
  META_SECRET,
  engineConfirmedState,
  hubVisibleState,
  signedInConsole,
  startDesk,
  stateHashes,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

// Facebook comments carry the commenter's name (Messenger events do not).

let desk: Desk;
let alice: TestConsole;
let carol: TestConsole;
const later: TestConsole[] = [];

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], carol: ['operator', ['confidential']] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  carol = await signedInConsole(desk.hub.url, 'carol');
});

afterAll(async () => {
  await Promise.all([alice, carol, ...later].map((c) => c.close()));
  await desk.hub.close();
});

const comment = async (fromId: string, fromName: string, commentId: string, text: string) => {
  expect(
    await postSignedMeta(desk.hub.url, metaCommentBody({ fromId, fromName, commentId, text }), META_SECRET),
  ).toBe(200);
};

const rowFor = async (c: TestConsole, word: string) => {
  const list = await c.call('conversations.list', { filter: { search: word }, offset: 0, limit: 1 });
  return list.rows[0];
};

const tokenOf = (c: TestConsole): string => getMeta(c.engine.db, 'token') ?? '';

describe('the name of someone with a confidential conversation', () => {
  it('is withheld from uncleared staff once the conversation turns, on live consoles and new ones alike', async () => {
    await comment('fb-sian', 'Siân Morgan', 'c-1', 'Is the police station in town open on Sundays? lapwing');
    await waitForConversation(alice, 'lapwing');
    expect(await rowFor(alice, 'lapwing')).toMatchObject({
      contactName: 'Siân Morgan',
      contactWithheld: false,
    });

    // Her next comment in the same thread reports a sexual offence: it turns confidential.
    await comment(
      'fb-sian',
      'Siân Morgan',
      'c-2',
      'He raped me last night and I am scared to report it, lapwing',
    );
    const id = await waitForConversation(carol, 'scared');
    await waitUntil(
      () => alice.engine.getConversation(id).conversation.confidential,
      'alice has it confidential',
    );
    await waitUntil(
      () => alice.engine.getConversation(id).contact?.redacted === true,
      'alice loses the name',
    );
    const withheld = alice.engine.getConversation(id);
    expect(withheld.contact).toMatchObject({ displayName: '', redacted: true });
    // Nor the platform ids that lead to the person (an X user id or post id is public).
    expect(withheld.contact?.platformUserId).not.toBe('fb-sian');
    expect(withheld.messages.map((m) => m.platformMessageId)).toEqual([null, null]);
    // Cleared staff still know who it is.
    expect(carol.engine.getConversation(id).contact).toMatchObject({ displayName: 'Siân Morgan' });
    expect(carol.engine.getConversation(id).contact?.redacted).toBeUndefined();

    // A console that starts from nothing (pulling the whole log) never sees the name.
    const fresh = await signedInConsole(desk.hub.url, 'alice');
    later.push(fresh);
    await waitUntil(
      () => fresh.engine.connectionState().lastSeq >= desk.hub.headSeq(),
      'the new console level with the hub',
    );
    const seen = fresh.engine.db
      .prepare("SELECT data FROM contacts WHERE data LIKE '%Siân%' OR data LIKE '%fb-sian%'")
      .all();
    expect(seen).toEqual([]);
    // What each console holds is what the hub's snapshot gives that person.
    for (const c of [alice, fresh, carol]) {
      expect(stateHashes(engineConfirmedState(c.engine))).toEqual(
        stateHashes(await hubVisibleState(desk.hub.url, tokenOf(c))),
      );
    }
  });

  it('is withheld too when a comment is edited into a confidential report', async () => {
    await comment('fb-dai', 'Dai Jones', 'c-4', 'Where can I pick up a lost property form? dunnock');
    const id = await waitForConversation(alice, 'dunnock');
    expect(alice.engine.getConversation(id).contact).toMatchObject({ displayName: 'Dai Jones' });
    const edit = metaCommentBody({
      fromId: 'fb-dai',
      fromName: 'Dai Jones',
      commentId: 'c-4',
      text: 'He sexually assaulted me on the bus home, dunnock',
      verb: 'edited',
    });
    expect(await postSignedMeta(desk.hub.url, edit, META_SECRET)).toBe(200);
    await waitUntil(
      () => alice.engine.getConversation(id).contact?.redacted === true,
      'alice loses the name',
    );
    expect(carol.engine.getConversation(id).contact).toMatchObject({ displayName: 'Dai Jones' });
  });

  it('of someone who never reported anything confidential stays visible to everyone', async () => {
    await comment('fb-owen', 'Owen Price', 'c-3', 'Someone has dumped rubbish in the lay-by again, plover');
    await waitForConversation(alice, 'plover');
    expect(await rowFor(alice, 'plover')).toMatchObject({
      contactName: 'Owen Price',
      contactWithheld: false,
    });
  });
});
