import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditTrail,
  sendDm,
  signedInConsole,
  startDesk,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from '../helpers';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../../src/hub/db/connection';

let desk: Desk;
let cleared: TestConsole;
let uncleared: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ carys: ['operator', ['confidential']], dai: ['operator'] });
  cleared = await signedInConsole(desk.hub.url, 'carys');
  uncleared = await signedInConsole(desk.hub.url, 'dai');
});

afterAll(async () => {
  await cleared.close();
  await uncleared.close();
  await desk.hub.close();
});

async function listIntelligence() {
  const list = await uncleared.call('conversations.list', {
    filter: { queueId: 'intelligence' },
    offset: 0,
    limit: 10,
  });
  return list.rows;
}

function openings(id: string): { actorId: string | null; cleared: boolean }[] {
  const db = new Database(hubDbPath(desk.dir), { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(
          "SELECT actor_id AS actorId, detail FROM audit WHERE action = 'conversation.open-confidential' AND subject_id = ? ORDER BY id",
        )
        .all(id) as { actorId: string | null; detail: string }[]
    ).map((r) => ({ actorId: r.actorId, cleared: (JSON.parse(r.detail) as { cleared: boolean }).cleared }));
  } finally {
    db.close();
  }
}

describe('confidential reports', () => {
  it('only cleared staff read the text; everyone else sees that it exists', async () => {
    await sendDm(
      desk.hub.url,
      'I have information about who is dealing drugs from the flat above the chip shop, wren',
    );
    const id = await waitForConversation(cleared, 'wren');
    const seen = cleared.engine.getConversation(id);
    expect(seen.conversation.confidential).toBe(true);
    expect(seen.conversation.preview).toContain('dealing drugs');
    expect(seen.messages[0]).toMatchObject({ redacted: false });

    // The uncleared console cannot search for it (no text), but it is in its lists.
    let row: Awaited<ReturnType<typeof listIntelligence>>[number] | undefined;
    for (let i = 0; i < 400 && row === undefined; i += 1) {
      row = (await listIntelligence()).find((r) => r.conversation.id === id);
      if (row === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (row === undefined) throw new Error('the uncleared console never listed it');
    expect(row.conversation.preview).toBe('');
    const hidden = uncleared.engine.getConversation(id);
    expect(hidden.messages.length).toBeGreaterThan(0);
    for (const m of hidden.messages) expect(m).toMatchObject({ body: '', redacted: true });
    // Nothing of the text is anywhere in the uncleared console's cache.
    const dump = JSON.stringify(uncleared.engine.db.prepare('SELECT data FROM messages').all());
    expect(dump).not.toContain('dealing drugs');
  });

  it('every opening is audited, cleared or not', async () => {
    await sendDm(desk.hub.url, 'I was sexually assaulted at a party last year and want to report it, finch');
    const id = await waitForConversation(cleared, 'finch');
    await waitUntil(() => uncleared.engine.getConversation(id), 'dai has it');
    await cleared.call('conversations.view', { id });
    await uncleared.call('conversations.view', { id });
    await waitDrained(cleared, 'carys opening sent');
    await waitDrained(uncleared, 'dai opening sent');
    await waitUntil(() => openings(id).length === 2, 'both openings audited');
    expect(openings(id)).toEqual(
      expect.arrayContaining([
        { actorId: desk.ids['carys'], cleared: true },
        { actorId: desk.ids['dai'], cleared: false },
      ]),
    );
    expect(auditTrail(desk.dir).filter((a) => a.action === 'op.open' && a.subjectId === id)).toHaveLength(2);
  });
});
