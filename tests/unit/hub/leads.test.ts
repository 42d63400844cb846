import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { operationAckSchema, type OperationAck } from '../../../src/shared/protocol';
import type { Conversation } from '../../../src/shared/domain';
import { hubDbPath } from '../../../src/hub/db/connection';
import { DEFAULT_QUEUES } from '../../../src/hub/routing';
import { addUser } from '../../../src/hub/users';
import { PASSWORD, allChanges, sendDm, tempDir, waitUntil, type RawConsole, deskPerTest } from './helpers';

const desks = deskPerTest();

const open = desks.open;

const ack = (value: unknown): OperationAck => operationAckSchema.parse(value);
const ids = (): Readonly<Record<string, string>> => desks.active()?.ids ?? {};
const idOf = (name: string): string => ids()[name] ?? '';

function rows<T>(sql: string, ...args: unknown[]): T[] {
  const desk = desks.current();
  const db = new Database(hubDbPath(desk.dir), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

const conversationRow = (id: string) =>
  rows<{ assignee_id: string | null; status: string }>('SELECT * FROM conversations WHERE id = ?', id)[0];

/** The latest state of each conversation a console has been sent. */
function conversationsSeen(c: RawConsole): Map<string, Conversation> {
  const out = new Map<string, Conversation>();
  for (const x of allChanges(c)) if (x.entity === 'conversation') out.set(x.data.id, x.data);
  return out;
}

async function conversationOn(c: RawConsole, text: string): Promise<Conversation> {
  const desk = desks.current();
  await sendDm(desk.hub, text);
  const message = await c.waitFor(() =>
    allChanges(c).find((x) => x.entity === 'message' && x.data.body === text),
  );
  if (message.entity !== 'message') throw new Error('not a message');
  const conversation = conversationsSeen(c).get(message.data.conversationId);
  if (conversation === undefined) throw new Error('no conversation seen');
  return conversation;
}

async function switchAutoAssign(lead: RawConsole, on: boolean): Promise<void> {
  for (const q of DEFAULT_QUEUES) {
    expect(ack(await lead.submit({ type: 'set-auto-assign', queueId: q.id, autoAssign: on })).outcome).toBe(
      'accepted',
    );
  }
}

describe('who may move work', () => {
  it("refuses an operator's attempt to move someone else's work, and audits the refusal", async () => {
    await desks.start({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const bob = await open('bob');
    const c = await conversationOn(alice, 'Someone keeps parking across my drive');
    expect(ack(await alice.submit({ type: 'claim', conversationId: c.id })).outcome).toBe('accepted');

    for (const toOperatorId of [idOf('bob'), null]) {
      const refused = ack(await bob.submit({ type: 'reassign', conversationIds: [c.id], toOperatorId }));
      expect(refused).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    }
    const release = ack(await bob.submit({ type: 'release', conversationId: c.id }));
    expect(release).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(release.outcome === 'rejected' && release.reason).toContain('alice');
    expect(conversationRow(c.id)?.assignee_id).toBe(idOf('alice'));

    const audited = rows<{ action: string; detail: string }>(
      "SELECT action, detail FROM audit WHERE actor_id = ? AND action LIKE 'op.%'",
      idOf('bob'),
    );
    expect(audited.map((a) => [a.action, (JSON.parse(a.detail) as { outcome: string }).outcome])).toEqual([
      ['op.reassign', 'rejected'],
      ['op.reassign', 'rejected'],
      ['op.release', 'rejected'],
    ]);

    // The holder may hand their own work back.
    expect(ack(await alice.submit({ type: 'release', conversationId: c.id })).outcome).toBe('accepted');
    expect(conversationRow(c.id)?.assignee_id).toBeNull();
  });

  it('lets a lead move a multi-selection with a reason, telling both operators, audited', async () => {
    await desks.start({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const bob = await open('bob');
    const lena = await open('lena');
    const first = await conversationOn(alice, 'Lost wallet near the station');
    const second = await conversationOn(alice, 'Is the bridge open again?');
    for (const c of [first, second]) ack(await alice.submit({ type: 'claim', conversationId: c.id }));

    const moved = ack(
      await lena.submit({
        type: 'reassign',
        conversationIds: [first.id, second.id],
        toOperatorId: idOf('bob'),
        reason: 'alice on a call',
      }),
    );
    expect(moved.outcome).toBe('accepted');
    expect([conversationRow(first.id)?.assignee_id, conversationRow(second.id)?.assignee_id]).toEqual([
      idOf('bob'),
      idOf('bob'),
    ]);
    const told = (c: RawConsole, kind: string) =>
      allChanges(c).filter((x) => x.entity === 'notice' && x.data.kind === kind);
    await bob.waitFor(() => told(bob, 'assigned-to-you').length === 2);
    await alice.waitFor(() => told(alice, 'moved-from-you').length === 2);
    const aliceNotice = told(alice, 'moved-from-you')[0];
    expect(aliceNotice?.entity === 'notice' && aliceNotice.data.text).toContain('alice on a call');
    const audit = rows<{ detail: string }>("SELECT detail FROM audit WHERE action = 'op.reassign'");
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      outcome: 'accepted',
      conversationIds: [first.id, second.id],
      toOperatorId: idOf('bob'),
    });

    // Everything back to the queue at once.
    ack(await lena.submit({ type: 'reassign', conversationIds: [first.id, second.id], toOperatorId: null }));
    expect(conversationRow(first.id)?.assignee_id).toBeNull();
    await bob.waitFor(() => told(bob, 'moved-from-you').length === 2);
  });

  it('will not hand confidential work to someone not cleared, and moves nothing', async () => {
    await desks.start({
      alice: ['operator', ['confidential']],
      bob: ['operator'],
      lena: ['lead'],
    });
    const alice = await open('alice');
    const lena = await open('lena');
    const plain = await conversationOn(alice, 'Where is the nearest police station?');
    // Alice is cleared, so she sees the text she waits for.
    const intel = await conversationOn(
      alice,
      'I have information about drug dealing from a flat on my street, I want to stay anonymous',
    );
    expect(intel.confidential).toBe(true);
    const refused = ack(
      await lena.submit({
        type: 'reassign',
        conversationIds: [plain.id, intel.id],
        toOperatorId: idOf('bob'),
      }),
    );
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(conversationRow(plain.id)?.assignee_id).toBeNull();
    expect(
      ack(await lena.submit({ type: 'reassign', conversationIds: [intel.id], toOperatorId: idOf('alice') }))
        .outcome,
    ).toBe('accepted');
    await alice.waitFor(() => conversationsSeen(alice).get(intel.id)?.assigneeId === idOf('alice'));
  });
});

describe('presence, roster and capacity', () => {
  it('records when a status began, and going off shift hands unanswered work back', async () => {
    await desks.start({ alice: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const lena = await open('lena');
    const unanswered = await conversationOn(alice, 'My car was broken into last night');
    const answered = await conversationOn(alice, 'Thanks for the update yesterday');
    ack(await alice.submit({ type: 'claim', conversationId: unanswered.id }));
    ack(await alice.submit({ type: 'reply', conversationId: answered.id, body: 'You are welcome.' }));
    expect(conversationRow(answered.id)?.assignee_id).toBe(idOf('alice'));

    const before = Date.now();
    ack(await alice.submit({ type: 'set-status', status: 'on-break' }));
    const seen = await lena.waitFor(() =>
      allChanges(lena).find(
        (x) => x.entity === 'operator' && x.data.id === idOf('alice') && x.data.status === 'on-break',
      ),
    );
    expect(seen.entity === 'operator' && seen.data.statusSince).toBeGreaterThanOrEqual(before);
    // Work stays with someone on a break.
    expect(conversationRow(unanswered.id)?.assignee_id).toBe(idOf('alice'));

    const off = ack(await alice.submit({ type: 'set-status', status: 'off-shift' }));
    expect(off.outcome === 'accepted' && off.notice).toMatch(/1 unanswered/);
    expect(conversationRow(unanswered.id)?.assignee_id).toBeNull();
    expect(conversationRow(answered.id)?.assignee_id).toBe(idOf('alice'));
    await alice.waitFor(() =>
      allChanges(alice).some(
        (x) =>
          x.entity === 'notice' &&
          x.data.kind === 'moved-from-you' &&
          x.data.conversationId === unanswered.id,
      ),
    );
  });

  it('keeps a roster only leads can write and see, live and in snapshots', async () => {
    await desks.start({ alice: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const lena = await open('lena');
    const shiftId = randomUUID();
    const start = Date.UTC(2025, 0, 6, 7);
    const put = {
      type: 'shift-put' as const,
      shiftId,
      operatorId: idOf('alice'),
      startsAt: start,
      endsAt: start + 8 * 3_600_000,
    };

    expect(ack(await alice.submit(put))).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(
      ack(await alice.submit({ type: 'set-capacity', operatorId: idOf('alice'), capacity: 20 })),
    ).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });
    expect(ack(await lena.submit({ ...put, endsAt: start }))).toMatchObject({
      outcome: 'rejected',
      code: 'invalid',
    });
    expect(ack(await lena.submit({ ...put, operatorId: 'nobody' }))).toMatchObject({
      outcome: 'rejected',
      code: 'not-found',
    });

    expect(ack(await lena.submit({ ...put, note: 'earlies' })).outcome).toBe('accepted');
    expect(ack(await lena.submit({ ...put, endsAt: start + 10 * 3_600_000, note: 'extended' })).outcome).toBe(
      'accepted',
    );
    const shifts = () => allChanges(lena).filter((x) => x.entity === 'shift');
    await lena.waitFor(() => shifts().length === 2);
    expect(shifts().at(-1)?.data).toMatchObject({ id: shiftId, note: 'extended', removed: false });

    // A fresh lead console takes it from the snapshot; an operator never sees it.
    const fromSnapshot = async (c: RawConsole) => {
      const page = (await c.emitAck('sync:snapshot', { cursor: null, limit: 5000 })) as {
        records: { entity: string }[];
      };
      return page.records.filter((r) => r.entity === 'shift');
    };
    expect(await fromSnapshot(lena)).toHaveLength(1);
    expect(await fromSnapshot(alice)).toHaveLength(0);

    expect(ack(await lena.submit({ type: 'shift-remove', shiftId })).outcome).toBe('accepted');
    await lena.waitFor(() => shifts().at(-1)?.entity === 'shift' && shifts().at(-1)?.data.removed === true);
    expect(
      ack(await lena.submit({ type: 'set-capacity', operatorId: idOf('alice'), capacity: 3 })).outcome,
    ).toBe('accepted');
    await alice.waitFor(() =>
      allChanges(alice).some(
        (x) => x.entity === 'operator' && x.data.id === idOf('alice') && x.data.capacity === 3,
      ),
    );
    expect(allChanges(alice).some((x) => x.entity === 'shift' || x.entity === 'activity')).toBe(false);
    // Leads see what each operator last did.
    await lena.waitFor(() =>
      allChanges(lena).some(
        (x) => x.entity === 'activity' && x.data.id === idOf('lena') && x.data.action === 'set-capacity',
      ),
    );
  });

  it('gives new users a capacity of 8 by default', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const user = await addUser(dir, { name: 'newbie', role: 'operator', password: PASSWORD });
      expect(user.capacity).toBe(8);
    } finally {
      cleanup();
    }
  });
});

describe('automatic assignment', () => {
  it('hands the oldest waiting work to the available operator with most spare capacity and the skills', async () => {
    await desks.start({
      alice: ['operator'],
      bob: ['operator', ['welsh']],
      carol: ['operator'],
      lena: ['lead'],
    });
    const alice = await open('alice');
    const bob = await open('bob');
    const carol = await open('carol');
    const lena = await open('lena');
    ack(await carol.submit({ type: 'set-status', status: 'on-break' }));
    ack(await lena.submit({ type: 'set-capacity', operatorId: idOf('alice'), capacity: 2 }));
    ack(await lena.submit({ type: 'set-capacity', operatorId: idOf('bob'), capacity: 1 }));

    // Switched off: nothing moves.
    const early = await conversationOn(lena, 'Is the Severn bridge closed tonight?');
    expect(conversationRow(early.id)?.assignee_id).toBeNull();

    await switchAutoAssign(lena, true);
    // Switching on hands out what was already waiting: alice has most spare (2 vs 1).
    await waitUntil(() => conversationRow(early.id)?.assignee_id === idOf('alice'));

    const welsh = await conversationOn(
      lena,
      "Bore da, mae fy meic wedi cael ei ddwyn o'r tu allan i'r tŷ neithiwr",
    );
    expect(welsh.language).toBe('cy');
    await waitUntil(() => conversationRow(welsh.id)?.assignee_id === idOf('bob'));
    await bob.waitFor(() =>
      allChanges(bob).some((x) => x.entity === 'notice' && x.data.kind === 'assigned-to-you'),
    );

    const third = await conversationOn(lena, 'How do I get a copy of a crime reference number?');
    await waitUntil(() => conversationRow(third.id)?.assignee_id === idOf('alice'));
    // Everyone available is full (alice 2/2, bob 1/1) and carol is on a break: the next one waits.
    const fourth = await conversationOn(lena, 'Can I report a pothole to you?');
    expect(conversationRow(fourth.id)?.assignee_id).toBeNull();

    // Carol back from her break takes it; alice resolving frees a seat for the next.
    ack(await carol.submit({ type: 'set-status', status: 'available' }));
    await waitUntil(() => conversationRow(fourth.id)?.assignee_id === idOf('carol'));
    const audited = rows<{ subject_id: string }>("SELECT subject_id FROM audit WHERE action = 'assign.auto'");
    expect(audited.map((a) => a.subject_id)).toEqual([early.id, welsh.id, third.id, fourth.id]);
    expect(conversationsSeen(alice).get(third.id)?.assigneeId).toBe(idOf('alice'));
  });

  it('redistributes the work of an operator who disconnects past the grace period', async () => {
    await desks.start({ alice: ['operator'], bob: ['operator'], lena: ['lead'] }, { leaseGraceMs: 300 });
    const alice = await open('alice');
    const lena = await open('lena');
    const c = await conversationOn(lena, 'Loud music from the flat above every night');
    ack(await alice.submit({ type: 'claim', conversationId: c.id }));
    await switchAutoAssign(lena, true);
    const bob = await open('bob');
    alice.close();
    // Alice goes offline, her claim lapses, and the rule gives it to bob, the one available.
    await waitUntil(() => conversationRow(c.id)?.assignee_id === idOf('bob'), 5000);
    await bob.waitFor(() => conversationsSeen(bob).get(c.id)?.assigneeId === idOf('bob'));
    const status = rows<{ status: string }>('SELECT status FROM operators WHERE id = ?', idOf('alice'))[0];
    expect(status?.status).toBe('offline');
  });
});
