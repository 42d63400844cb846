import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { operationAckSchema, pullResponseSchema } from '../../../../src/shared/protocol';
import { allChanges, deskPerTest, sendDm } from '../helpers';

const desks = deskPerTest();

describe('a sync handler that fails', () => {
  it('answers that console with an error and leaves the hub serving everyone', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await desks.open('alice');
    await sendDm(desk.hub, 'Can I report a noisy neighbour here?');
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );

    // The change log cannot be read for a moment (here: another process renamed it).
    const other = new Database(hubDbPath(desk.dir));
    try {
      other.prepare('ALTER TABLE change_log RENAME TO change_log_away').run();
      const answer = pullResponseSchema.parse(await alice.emitAck('sync:pull', { afterSeq: 0, limit: 1000 }));
      expect(answer).toMatchObject({
        kind: 'error',
        error: expect.stringMatching(/could not answer sync:pull/) as unknown,
      });
      other.prepare('ALTER TABLE change_log_away RENAME TO change_log').run();
    } finally {
      other.close();
    }
    // The hub is still up, on the same link.
    expect(alice.socket.connected).toBe(true);
    const claim = operationAckSchema.parse(
      await alice.submit({ type: 'claim', conversationId: conversation.data.id }),
    );
    expect(claim.outcome).toBe('accepted');
  });

  it("starts a leaver's leases later when the database was locked as they left", async () => {
    const logs: string[] = [];
    const desk = await desks.start(
      { alice: ['operator'], lena: ['lead'] },
      { leaseGraceMs: 300, log: (line) => logs.push(line) },
    );
    const alice = await desks.open('alice');
    const lena = await desks.open('lena');
    await sendDm(desk.hub, 'Someone is sleeping rough in the bus station, are they ok?');
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    const id = conversation.data.id;
    expect(operationAckSchema.parse(await alice.submit({ type: 'claim', conversationId: id })).outcome).toBe(
      'accepted',
    );

    // Another process holds the write lock past the hub's busy timeout as alice's console goes.
    const other = new Database(hubDbPath(desk.dir));
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      alice.close();
      await lena.waitFor(() => logs.some((l) => l.includes('an operator leaving failed')), 30_000);
      other.prepare('COMMIT').run();
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
    }
    // Her claim still lapses back to the queue after the grace period.
    const latest = () =>
      allChanges(lena)
        .filter((c) => c.entity === 'conversation' && c.data.id === id)
        .at(-1);
    await lena.waitFor(() => {
      const last = latest();
      return last?.entity === 'conversation' && last.data.assigneeId === null;
    }, 10_000);
  }, 60_000);
});
