import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hubDbPath } from '../../hub/db/connection';
import { createConsoleEngine } from '../../engine/engine';
import { flood, login, nowMs, sleep, startBenchHub, tempDir } from './desk';
import { storeSession } from './stored-session';
import { figure, type Figure } from './figures';

/**
 * A console `behind` changes behind (every message is a new person: contact, conversation
 * and message, three changes) reconnects; time until its cache is level with the hub.
 * Baseline: raw better-sqlite3 inserting the same change rows in one transaction.
 */
export async function benchCatchUp(
  behindTargets: readonly number[],
  log: (line: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const behind of behindTargets) {
    const desk = await startBenchHub();
    try {
      const session = await login(desk.hub.url);
      const dir = tempDir('desk-bench-catchup-');
      storeSession(dir, desk.hub.url, session);
      const engine = createConsoleEngine({ dataDir: dir, emit: () => undefined });
      while (engine.connectionState().status !== 'online') await sleep(20);
      await engine.disconnect();
      const from = engine.connectionState().lastSeq;
      await flood(desk.hub.url, Math.ceil(behind / 3));
      const head = desk.hub.headSeq();
      log(`[bench] catch-up: console ${String(head - from)} changes behind`);

      const t0 = nowMs();
      engine.reconnect();
      while (engine.connectionState().lastSeq < head) await sleep(5);
      const elapsed = nowMs() - t0;
      await engine.close();

      // Baseline: the same rows, straight into a table, one transaction.
      const hubDb = new Database(hubDbPath(desk.dir), { readonly: true });
      const rows = hubDb
        .prepare('SELECT seq, entity, entity_id, json FROM change_log WHERE seq > ? ORDER BY seq')
        .all(from) as { seq: number; entity: string; entity_id: string; json: string }[];
      hubDb.close();
      const raw = new Database(join(tempDir('desk-bench-raw-'), 'raw.sqlite'));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.exec(
        'CREATE TABLE rows (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, json TEXT NOT NULL)',
      );
      const insert = raw.prepare(
        'INSERT INTO rows (seq, entity, entity_id, json) VALUES (@seq, @entity, @entity_id, @json)',
      );
      const r0 = nowMs();
      raw.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
      const rawElapsed = nowMs() - r0;
      raw.close();
      figures.push(
        figure({
          id: `catch-up.${String(behind)}`,
          label: `catch-up, ${String(head - from)} changes behind`,
          value: elapsed,
          unit: 'ms',
          baseline: { label: 'raw insert, one transaction', value: rawElapsed },
          target: '≤ 3× baseline',
          pass: elapsed <= 3 * rawElapsed,
        }),
      );
    } finally {
      await desk.close();
    }
  }
  return figures;
}
