import { afterEach, describe, expect, it } from 'vitest';
import { pullResponseSchema, snapshotResponseSchema, type EntityRecord } from '../../../src/shared/protocol';
import { connectConsole, createUser, loginAs, sendDm, startTestHub, tempDir, type TestHub } from './helpers';

let running: TestHub | null = null;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
  cleanup?.();
  cleanup = null;
});

describe('sync:pull and sync:snapshot', () => {
  it('pages the log in order, with upTo chaining each page to the next', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    await createUser(tmp.dir, 'alice');
    running = await startTestHub({}, tmp.dir);
    for (let i = 0; i < 12; i += 1) await sendDm(running.hub, `message number ${i}`, `sender-${i % 3}`);
    const before = running.hub.headSeq();
    const console = await connectConsole(running.hub, await loginAs(running.hub, 'alice'));
    expect(console.hello.headSeq).toBe(before);
    // Connecting itself logs alice coming online.
    const head = running.hub.headSeq();
    expect(head).toBeGreaterThan(before);
    expect(console.hello.oldestSeq).toBe(0);

    const seen: number[] = [];
    let after = 0;
    for (let pages = 0; after < head && pages < 100; pages += 1) {
      const response = pullResponseSchema.parse(
        await console.emitAck('sync:pull', { afterSeq: after, limit: 7 }),
      );
      if (response.kind !== 'changes') throw new Error(`pull failed: ${response.kind}`);
      expect(response.batch.after).toBe(after);
      expect(response.batch.changes.length).toBeLessThanOrEqual(7);
      seen.push(...response.batch.changes.map((c) => c.seq));
      after = response.batch.upTo;
    }
    expect(after).toBe(head);
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    console.close();
  });

  it('tells a console further behind than the retained log to take a snapshot, which pages every entity', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    await createUser(tmp.dir, 'alice');
    let clock = Date.now();
    const first = await startTestHub({ now: () => clock, changeLogRetentionMs: 60_000 }, tmp.dir);
    for (let i = 0; i < 5; i += 1) await sendDm(first.hub, `old message ${i}`, `person-${i}`);
    const oldHead = first.hub.headSeq();
    await first.hub.close();

    // Restarted two minutes later, the hub prunes what is older than a minute.
    clock += 120_000;
    running = await startTestHub({ now: () => clock, changeLogRetentionMs: 60_000 }, tmp.dir);
    await sendDm(running.hub, 'a new message', 'person-new');
    const console = await connectConsole(running.hub, await loginAs(running.hub, 'alice'), { lastSeq: 2 });
    expect(console.hello.oldestSeq).toBeGreaterThanOrEqual(oldHead);

    const behind = pullResponseSchema.parse(await console.emitAck('sync:pull', { afterSeq: 2, limit: 100 }));
    expect(behind).toEqual({ kind: 'snapshot-required', oldestSeq: console.hello.oldestSeq });

    const records: EntityRecord[] = [];
    let cursor: string | null = null;
    let seq = -1;
    do {
      const page = snapshotResponseSchema.parse(await console.emitAck('sync:snapshot', { cursor, limit: 4 }));
      if (page.kind !== 'page') throw new Error(page.error);
      if (seq === -1) seq = page.seq;
      expect(page.seq).toBe(seq);
      expect(page.records.length).toBeLessThanOrEqual(4);
      records.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const count = (entity: string): number => records.filter((r) => r.entity === entity).length;
    expect(count('queue')).toBe(6);
    expect(count('operator')).toBe(1);
    expect(count('contact')).toBe(6);
    expect(count('conversation')).toBe(6);
    expect(count('message')).toBe(6);
    // After the snapshot the console can pull from its seq.
    const rest = pullResponseSchema.parse(await console.emitAck('sync:pull', { afterSeq: seq, limit: 100 }));
    expect(rest.kind).toBe('changes');
    console.close();
  });
});
