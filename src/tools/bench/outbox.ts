import { randomUUID } from 'node:crypto';
import { createConsoleEngine } from '../../engine/engine';
import { dmBody, login, nowMs, postSigned, sleep, startBenchHub, tempDir } from './desk';
import { storeSession } from './stored-session';
import { figure, type Figure } from './figures';

const outboxSize = (db: { prepare: (sql: string) => { get: () => unknown } }): number =>
  (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

/**
 * `count` actions taken offline (a claim, then notes on the same conversation), then the
 * link comes back: time until every one is acknowledged. Baseline: one action sent online
 * and acknowledged, times `count` (the cost if they were made one by one while connected).
 */
export async function benchOutbox(count: number, log: (line: string) => void): Promise<Figure[]> {
  const desk = await startBenchHub();
  try {
    const session = await login(desk.hub.url);
    const dir = tempDir('desk-bench-outbox-');
    storeSession(dir, desk.hub.url, session);
    const engine = createConsoleEngine({ dataDir: dir, emit: () => undefined });
    while (engine.connectionState().status !== 'online') await sleep(20);
    await postSigned(
      desk.hub.url,
      dmBody([{ senderId: `outbox-${randomUUID()}`, text: 'Someone tried to break into my van last night' }]),
    );
    let conversationId: string | undefined;
    while (conversationId === undefined) {
      conversationId = engine.listConversations({ filter: {}, offset: 0, limit: 1 }).rows[0]?.conversation.id;
      await sleep(10);
    }
    // Online baseline: 20 single actions, each acknowledged before the next.
    const singles: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const t0 = nowMs();
      engine.submit({ type: 'note', conversationId, body: `online note ${String(i)}` });
      while (outboxSize(engine.db) > 0) await sleep(0.2);
      singles.push(nowMs() - t0);
    }
    const perAction = singles.reduce((a, b) => a + b, 0) / singles.length;

    await engine.disconnect();
    engine.submit({ type: 'claim', conversationId });
    for (let i = 1; i < count; i += 1)
      engine.submit({ type: 'note', conversationId, body: `offline note ${String(i)}` });
    log(`[bench] outbox: ${String(outboxSize(engine.db))} actions queued offline`);
    const t0 = nowMs();
    engine.reconnect();
    while (engine.connectionState().pendingActions > 0) await sleep(1);
    const elapsed = nowMs() - t0;
    await engine.close();
    return [
      figure({
        id: 'outbox.replay',
        label: `outbox replay, ${String(count)} offline actions acknowledged`,
        value: elapsed,
        unit: 'ms',
        baseline: { label: `${String(count)} × one online action`, value: perAction * count },
        target: '< 2000 ms',
        pass: elapsed < 2000,
      }),
    ];
  } finally {
    await desk.close();
  }
}
