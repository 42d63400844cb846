import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { pullResponseSchema } from '../../../../src/shared/protocol';
import { allChanges, deskPerTest, sendDm } from '../helpers';

const desks = deskPerTest();

describe('a change log row that does not read', () => {
  it('is left out, said once in the log, and every console goes on getting the changes after it', async () => {
    const logs: string[] = [];
    const desk = await desks.start({ alice: ['operator'] }, { log: (line) => logs.push(line) });
    const alice = await desks.open('alice');

    // A row written wrong (by an older hub, a hand edit, a bad sector) lands in the log
    // before the next live change.
    const other = new Database(hubDbPath(desk.dir));
    let badSeq: number;
    try {
      badSeq = Number(
        other
          .prepare(
            `INSERT INTO change_log (at, entity, entity_id, audience, confidential, json)
             VALUES (?, 'message', 'damaged-1', NULL, 0, '{"entity":"message","data":{"id":"damaged-1"}}')`,
          )
          .run(Date.now()).lastInsertRowid,
      );
    } finally {
      other.close();
    }

    await sendDm(desk.hub, 'Is the A55 open again after the crash at junction 11?');
    const live = await alice.waitFor(() => allChanges(alice).find((c) => c.entity === 'message'));
    expect(live.data.id).not.toBe('damaged-1');
    expect(alice.batches.at(-1)?.upTo).toBe(desk.hub.headSeq());
    expect(desk.hub.headSeq()).toBeGreaterThan(badSeq);

    // A console catching up from the start gets everything else, in pages that pass the row.
    for (const limit of [1000, 1]) {
      let after = 0;
      const ids: string[] = [];
      while (after < desk.hub.headSeq()) {
        const answer = pullResponseSchema.parse(await alice.emitAck('sync:pull', { afterSeq: after, limit }));
        if (answer.kind !== 'changes') throw new Error(`pull answered ${answer.kind}`);
        ids.push(...answer.batch.changes.map((c) => c.data.id));
        expect(answer.batch.upTo).toBeGreaterThan(after);
        after = answer.batch.upTo;
      }
      expect(ids).toContain(live.data.id);
      expect(ids).not.toContain('damaged-1');
    }
    const said = logs.filter((l) =>
      l.includes(`change ${String(badSeq)} (message damaged-1) cannot be read`),
    );
    expect(said).toHaveLength(1);
  });
});
