/**
 * Runs in its own process: opens a seeded console cache with the real engine and times the
 * list, filter and search reads the console makes (and every mix of list filters), then
 * reports the process's resident memory with that cache open. One JSON line on stdout.
 */
import { z } from 'zod';
import { createConsoleEngine } from '../../engine/engine';
import type { ConversationListInput } from '../../shared/ipc/channels/desk';

const env = z
  .object({ PROBE_DATA_DIR: z.string().min(1), PROBE_RUNS: z.coerce.number().int().min(1) })
  .parse(process.env);
const engine = createConsoleEngine({ dataDir: env.PROBE_DATA_DIR, emit: () => undefined });
// The seeded session points at no hub: the console stays offline, as a desk reading its cache does.
await engine.disconnect();

const time = (input: ConversationListInput): number[] => {
  const out: number[] = [];
  for (let i = 0; i < env.PROBE_RUNS; i += 1) {
    const t0 = performance.now();
    engine.listConversations({ ...input, offset: (i % 5) * 50 });
    out.push(performance.now() - t0);
  }
  return out;
};
const queueId = engine.listQueues()[1]?.queue.id;
const COMBINATION_RUNS = 5;
const searches = ['stolen bike', 'ffenest', 'wyn', 'neighbour noise', 'graffiti park'];
const searchTimes: number[] = [];
for (let i = 0; i < env.PROBE_RUNS; i += 1) {
  const t0 = performance.now();
  engine.listConversations({
    filter: { search: searches[i % searches.length] ?? 'bike' },
    offset: 0,
    limit: 50,
  });
  searchTimes.push(performance.now() - t0);
}
// Every mix of the list's filters (nobody, mine or unassigned; with or without one queue,
// platform, language, status and priority), in both sorts: 192 lists an operator can ask for.
const combinationTimes: number[] = [];
let slowest = { ms: 0, list: '' };
for (const who of [{}, { mine: true }, { unassigned: true }]) {
  for (let mask = 0; mask < 32; mask += 1) {
    const filter = {
      ...who,
      ...(mask & 1 && queueId !== undefined ? { queueId } : {}),
      ...(mask & 2 ? { platform: 'x' as const } : {}),
      ...(mask & 4 ? { language: 'cy' as const } : {}),
      ...(mask & 8 ? { status: 'open' as const } : {}),
      ...(mask & 16 ? { priority: 'urgent' as const } : {}),
    };
    for (const sort of ['due', 'newest'] as const) {
      for (let i = 0; i < COMBINATION_RUNS; i += 1) {
        const t0 = performance.now();
        engine.listConversations({ filter, sort, offset: (i % 3) * 50, limit: 50 });
        const ms = performance.now() - t0;
        combinationTimes.push(ms);
        if (ms > slowest.ms) slowest = { ms, list: `${sort} ${JSON.stringify(filter)}` };
      }
    }
  }
}
// Baseline: the same page straight from SQLite through the same index, no engine around it.
const rawTimes: number[] = [];
const raw = engine.db.prepare('SELECT data FROM conversations ORDER BY due_key, id LIMIT 50 OFFSET ?');
for (let i = 0; i < env.PROBE_RUNS; i += 1) {
  const t0 = performance.now();
  raw.all((i % 5) * 50);
  rawTimes.push(performance.now() - t0);
}
const result = {
  raw: rawTimes,
  page: time({ filter: {}, sort: 'due', offset: 0, limit: 50 }),
  filter: time({
    filter: { ...(queueId === undefined ? {} : { queueId }), language: 'cy' },
    sort: 'due',
    offset: 0,
    limit: 50,
  }),
  search: searchTimes,
  combinations: combinationTimes,
  slowest,
  rss: process.memoryUsage().rss,
};
await engine.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
