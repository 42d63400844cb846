import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../src/hub/db/connection';
import { operationAckSchema, snapshotResponseSchema } from '../../../src/shared/protocol';
import { allChanges, sendDm, deskPerTest } from './helpers';

const desks = deskPerTest();

const open = desks.open;

const INTELLIGENCE =
  'I have information about drug dealing at the house on Bridge Street, I want to stay anonymous';
const EMERGENCY = 'HELP there is a man with a knife outside the pub right now';

describe('confidential redaction', () => {
  it('sends confidential bodies and previews only to cleared staff, live and in snapshots', async () => {
    const desk = await desks.start({ uncleared: ['operator'], cleared: ['operator', ['confidential']] });
    const plain = await open('uncleared');
    const vetted = await open('cleared');
    await sendDm(desk.hub, INTELLIGENCE);

    const vettedMessage = await vetted.waitFor(() => allChanges(vetted).find((c) => c.entity === 'message'));
    const plainMessage = await plain.waitFor(() => allChanges(plain).find((c) => c.entity === 'message'));
    expect(vettedMessage.data).toMatchObject({
      body: INTELLIGENCE,
      redacted: false,
    });
    expect(plainMessage.data).toMatchObject({
      body: '',
      redacted: true,
    });
    const plainConversation = allChanges(plain).find((c) => c.entity === 'conversation');
    expect(plainConversation?.entity === 'conversation' && plainConversation.data).toMatchObject({
      confidential: true,
      preview: '',
      queueId: 'intelligence',
    });
    const vettedConversation = allChanges(vetted).find((c) => c.entity === 'conversation');
    expect(vettedConversation?.entity === 'conversation' && vettedConversation.data.preview).toContain(
      'drug dealing',
    );

    const snapshot = snapshotResponseSchema.parse(
      await plain.emitAck('sync:snapshot', { cursor: null, limit: 1000 }),
    );
    if (snapshot.kind !== 'page') throw new Error('snapshot failed');
    const snapMessage = snapshot.records.find((r) => r.entity === 'message');
    expect(snapMessage?.entity === 'message' && snapMessage.data).toMatchObject({ body: '', redacted: true });
    expect(JSON.stringify(snapshot.records)).not.toContain('drug dealing');

    // Opening a confidential conversation is audited.
    const conversationId = vettedMessage.data.conversationId;
    const opened = operationAckSchema.parse(await plain.submit({ type: 'open', conversationId }));
    expect(opened.outcome).toBe('accepted');
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const audited = db
      .prepare("SELECT actor_id, subject_id FROM audit WHERE action = 'conversation.open-confidential'")
      .all();
    db.close();
    expect(audited).toEqual([{ actor_id: desk.ids.uncleared, subject_id: conversationId }]);
  });

  it('routes an emergency to the emergency queue at urgent priority with a short due time', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await open('alice');
    await sendDm(desk.hub, EMERGENCY);
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    expect(conversation.data).toMatchObject({
      queueId: 'emergency',
      priority: 'urgent',
      category: 'emergency',
    });
    expect((conversation.data.responseDueAt ?? 0) - conversation.data.firstInboundAt).toBe(2 * 60_000);
  });
});

describe('leases', () => {
  it('lapses a disconnected operator’s claims back to the queue after the grace period and marks them offline', async () => {
    const desk = await desks.start({ alice: ['operator'], lena: ['lead'] }, { leaseGraceMs: 300 });
    const alice = await open('alice');
    const lena = await open('lena');
    await sendDm(desk.hub, 'My bike was stolen from the station');
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    const id = conversation.data.id;
    expect(operationAckSchema.parse(await alice.submit({ type: 'claim', conversationId: id })).outcome).toBe(
      'accepted',
    );
    alice.close();

    const leased = await lena.waitFor(() =>
      allChanges(lena).find(
        (c) => c.entity === 'conversation' && c.data.id === id && c.data.leaseExpiresAt !== null,
      ),
    );
    expect(leased.entity === 'conversation' && leased.data.assigneeId).toBe(desk.ids.alice);
    const lapsed = await lena.waitFor(() =>
      allChanges(lena).find(
        (c) =>
          c.entity === 'conversation' &&
          c.data.id === id &&
          c.data.assigneeId === null &&
          c.data.leaseExpiresAt === null,
      ),
    );
    expect(lapsed).toBeTruthy();
    await lena.waitFor(() =>
      allChanges(lena).find(
        (c) => c.entity === 'operator' && c.data.name === 'alice' && c.data.status === 'offline',
      ),
    );
  });

  it('keeps the claim when the operator reconnects within the grace period', async () => {
    const desk = await desks.start({ alice: ['operator'], lena: ['lead'] }, { leaseGraceMs: 5000 });
    const alice = await open('alice');
    const lena = await open('lena');
    await sendDm(desk.hub, 'Is anyone there? need advice');
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    const id = conversation.data.id;
    operationAckSchema.parse(await alice.submit({ type: 'claim', conversationId: id }));
    alice.close();
    await lena.waitFor(() =>
      allChanges(lena).find(
        (c) => c.entity === 'conversation' && c.data.id === id && c.data.leaseExpiresAt !== null,
      ),
    );
    const back = await open('alice');
    const cleared = await lena.waitFor(() => {
      const mine = allChanges(lena).flatMap((c) =>
        c.entity === 'conversation' && c.data.id === id ? [c] : [],
      );
      const last = mine.at(-1);
      return last !== undefined && last.data.leaseExpiresAt === null ? last.data : null;
    });
    expect(cleared.assigneeId).toBe(desk.ids.alice);
    expect(back.hello.operator.name).toBe('alice');
  });
});
