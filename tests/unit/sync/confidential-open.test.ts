import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditTrail,
  outboxSize,
  sendDm,
  signedInConsole,
  startDesk,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

let desk: Desk;
let carol: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ carol: ['operator', ['confidential']] });
  carol = await signedInConsole(desk.hub.url, 'carol');
});
afterAll(async () => {
  await carol.close();
  await desk.hub.close();
});

const opensOf = (id: string) =>
  auditTrail(desk.dir).filter((a) => a.action === 'conversation.open-confidential' && a.subjectId === id);

describe('opening a confidential conversation', () => {
  it('is audited at the hub, even when it was opened offline', async () => {
    await sendDm(desk.hub.url, 'A man indecently exposed himself to me at the park, heron');
    const id = await waitForConversation(carol, 'heron');
    expect(carol.engine.getConversation(id).conversation.confidential).toBe(true);

    await carol.engine.disconnect();
    await carol.call('conversations.view', { id });
    expect(outboxSize(carol)).toBe(1);
    expect(opensOf(id)).toHaveLength(0);

    carol.engine.reconnect();
    await waitDrained(carol, 'opening sent');
    await waitUntil(() => opensOf(id).length === 1, 'opening audited');
    expect(opensOf(id)[0]?.actorId).toBe(desk.ids['carol']);
    // The opening is bookkeeping, not an action the operator took on the case.
    expect(carol.eventsOf('action.outcome').filter((o) => o.type === 'open')).toEqual([]);
  });

  it('an ordinary conversation is not audited on view', async () => {
    await sendDm(desk.hub.url, 'What time does the front desk open? egret');
    const id = await waitForConversation(carol, 'egret');
    expect(carol.engine.getConversation(id).conversation.confidential).toBe(false);
    await carol.call('conversations.view', { id });
    expect(outboxSize(carol)).toBe(0);
  });
});
