import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { operationAckSchema, pullResponseSchema, type OperationInput } from '../../../src/shared/protocol';
import { allChanges, deskPerTest, sendDm, type RawConsole } from './helpers';

const desks = deskPerTest();

const REPORT = 'He raped me at the party last night and now he is threatening me with a knife';
const PLAIN = 'Hello, my bike was taken from outside the library this afternoon';
const LATER =
  'Also I have information about drug dealing at the house on Bridge Street, I want to stay anonymous';

const ack = async (c: RawConsole, input: OperationInput) => operationAckSchema.parse(await c.submit(input));

async function confidentialConversation(c: RawConsole): Promise<string> {
  const conversation = await c.waitFor(() =>
    allChanges(c).find((x) => x.entity === 'conversation' && x.data.confidential),
  );
  return conversation.data.id;
}

describe('confidential conversations are worked only by cleared staff', () => {
  it('refuses claim, resolve, reopen and waiting from uncleared staff and keeps their reply as a note', async () => {
    const desk = await desks.start({
      una: ['operator'],
      clea: ['operator', ['confidential']],
      lena: ['lead'],
    });
    const una = await desks.open('una');
    const clea = await desks.open('clea');
    const lena = await desks.open('lena');
    await sendDm(desk.hub, REPORT);
    const id = await confidentialConversation(una);

    for (const type of ['claim', 'resolve', 'mark-waiting', 'reopen'] as const) {
      const refused = await ack(una, { type, conversationId: id });
      expect(refused, type).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
      if (refused.outcome === 'rejected') expect(refused.reason).toMatch(/not cleared for confidential work/);
    }
    // A lead without clearance cannot resolve it either; moving it is what a lead does.
    expect(await ack(lena, { type: 'resolve', conversationId: id })).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });

    // A reply written without clearance never reaches the public: it is kept as a note.
    const replied = await ack(una, { type: 'reply', conversationId: id, body: 'Please ring 999 now' });
    expect(replied).toMatchObject({ outcome: 'accepted' });
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const staff = db
      .prepare("SELECT direction FROM messages WHERE conversation_id = ? AND direction <> 'inbound'")
      .all(id);
    const deliveries = db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number };
    db.close();
    expect(staff).toEqual([{ direction: 'note' }]);
    expect(deliveries.n).toBe(0);
    await una.waitFor(() =>
      allChanges(una).find(
        (c) => c.entity === 'notice' && /confidential and you are not cleared/.test(c.data.text),
      ),
    );

    // Cleared staff work it as usual.
    expect(await ack(clea, { type: 'claim', conversationId: id })).toMatchObject({ outcome: 'accepted' });
    expect(await ack(clea, { type: 'resolve', conversationId: id })).toMatchObject({ outcome: 'accepted' });
  });

  it('lets uncleared staff release a conversation that turned confidential while they held it', async () => {
    const desk = await desks.start({ una: ['operator'] });
    const una = await desks.open('una');
    const sender = 'user-turns-confidential';
    await sendDm(desk.hub, PLAIN, sender);
    const first = await una.waitFor(() => allChanges(una).find((c) => c.entity === 'conversation'));
    expect(await ack(una, { type: 'claim', conversationId: first.data.id })).toMatchObject({
      outcome: 'accepted',
    });
    await sendDm(desk.hub, LATER, sender);
    expect(await confidentialConversation(una)).toBe(first.data.id);
    expect(await ack(una, { type: 'resolve', conversationId: first.data.id })).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });
    expect(await ack(una, { type: 'release', conversationId: first.data.id })).toMatchObject({
      outcome: 'accepted',
    });
  });

  it('shows uncleared staff why triage flagged it without the words it quoted', async () => {
    const desk = await desks.start({ una: ['operator'], clea: ['operator', ['confidential']] });
    const una = await desks.open('una');
    const clea = await desks.open('clea');
    await sendDm(desk.hub, REPORT);
    await confidentialConversation(una);
    const seen = (c: RawConsole) => {
      const row = allChanges(c).find((x) => x.entity === 'conversation');
      return row?.entity === 'conversation' ? row.data.triageReasons : [];
    };
    const cleared = await clea.waitFor(() => (seen(clea).length > 0 ? seen(clea) : null));
    expect(cleared.join('\n')).toContain('threatening me with a knife');
    const reasons = seen(una);
    expect(reasons.length).toBe(cleared.length);
    expect(reasons).toContain('Emergency: weapon present (…)');
    expect(reasons.join('\n')).not.toMatch(/knife|raped|'/);
  });

  it('blanks earlier text in the log once a conversation turns confidential, for consoles that pull it later', async () => {
    const desk = await desks.start({ una: ['operator'] });
    const sender = 'user-pulls-later';
    await sendDm(desk.hub, PLAIN, sender);
    await sendDm(desk.hub, LATER, sender);
    // A console with a new cache pulls the whole log, as it does within the log's window.
    const una = await desks.open('una');
    const answer = pullResponseSchema.parse(await una.emitAck('sync:pull', { afterSeq: 0, limit: 1000 }));
    if (answer.kind !== 'changes') throw new Error(`pull answered ${answer.kind}`);
    const text = JSON.stringify(answer.batch.changes);
    expect(text).not.toContain('bike was taken');
    expect(text).not.toContain('drug dealing');
    const bodies = answer.batch.changes.flatMap((c) => (c.entity === 'message' ? [c.data.body] : []));
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(bodies)).toEqual(new Set(['']));
  });
});

describe('a resolved conversation', () => {
  it('cannot be claimed until it is reopened', async () => {
    const desk = await desks.start({ una: ['operator'], bob: ['operator'] });
    const una = await desks.open('una');
    const bob = await desks.open('bob');
    await sendDm(desk.hub, PLAIN);
    const c = await una.waitFor(() => allChanges(una).find((x) => x.entity === 'conversation'));
    expect(await ack(una, { type: 'claim', conversationId: c.data.id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await ack(una, { type: 'resolve', conversationId: c.data.id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await ack(una, { type: 'release', conversationId: c.data.id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await ack(bob, { type: 'claim', conversationId: c.data.id })).toMatchObject({
      outcome: 'rejected',
      code: 'conflict',
    });
    expect(await ack(bob, { type: 'reopen', conversationId: c.data.id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await ack(bob, { type: 'claim', conversationId: c.data.id })).toMatchObject({
      outcome: 'accepted',
    });
  });
});
