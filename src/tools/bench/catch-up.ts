import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hubDbPath } from '../../hub/db/connection';
import { flood, login, nowMs, startBenchHub, tempDir } from './desk';
import { figure, type Figure } from './figures';
import { hostLineSchema } from './host-lines';
import { JsonChild } from './json-child';

/**
 * A console `behind` changes behind (every message is a new person: contact, conversation
 * and message, three changes) reconnects; time until its cache is level with the hub.
 * Baseline: raw better-sqlite3 inserting the same change rows in one transaction.
 *
 * The console runs in a process of its own, as on a desk where it is another workstation:
 * in the hub's process the hub's reading of the log and the console's applying of it would
 * take turns on one thread instead of overlapping.
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
      const host = new JsonChild('src/tools/bench/engine-host.ts', hostLineSchema, {
        ENGINE_HOST_ALONE: '1',
      });
      let from: number;
      let elapsed: number;
      let head: number;
      try {
        await host.request({
          cmd: 'engines',
          hubUrl: desk.hub.url,
          token: session.token,
          expiresAt: session.expiresAt,
          operator: session.operator,
          count: 1,
          baseDir: tempDir('desk-bench-catchup-'),
        });
        await host.request({ cmd: 'disconnect' });
        const seqs = await host.request({ cmd: 'seqs' });
        from = seqs.kind === 'seqs' ? (seqs.seqs[0] ?? 0) : 0;
        await flood(desk.hub.url, Math.ceil(behind / 3));
        head = desk.hub.headSeq();
        log(`[bench] catch-up: console ${String(head - from)} changes behind`);
        const answer = await host.request({ cmd: 'catch-up', headSeq: head }, 600_000);
        if (answer.kind !== 'times' || answer.times[0] == null)
          throw new Error(`the console host answered ${JSON.stringify(answer)}`);
        elapsed = answer.times[0];
        await host.request({ cmd: 'close' });
      } finally {
        await host.stop();
      }

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
