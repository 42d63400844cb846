import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Operator } from '../../shared/domain/entities';
import { nowMs, tempDir } from './desk';
import { figure, percentile, type Figure } from './figures';
import { ROOT } from './json-child';
import { seedCache } from './seed-cache';

const probeSchema = z.object({
  raw: z.array(z.number()),
  page: z.array(z.number()),
  filter: z.array(z.number()),
  search: z.array(z.number()),
  combinations: z.array(z.number()),
  slowest: z.object({ ms: z.number(), list: z.string() }),
  rss: z.number(),
});

export const BENCH_OPERATOR: Operator = {
  id: '00000000-0000-4000-8000-00000000b0b0',
  name: 'bench',
  role: 'operator',
  skills: ['welsh', 'confidential'],
  status: 'available',
  statusSince: 0,
  capacity: 6,
};

/** Seeds a cache of `conversations` × `messagesPer` and times the console's reads in a fresh process. */
export async function benchCache(
  conversations: number,
  messagesPer: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const dir = tempDir('desk-bench-cache-');
  const t0 = nowMs();
  seedCache(dir, {
    conversations,
    messagesPerConversation: messagesPer,
    operator: BENCH_OPERATOR,
    hubUrl: 'http://127.0.0.1:9',
  });
  log(
    `[bench] seeded ${String(conversations)} conversations, ${String(conversations * messagesPer)} messages in ${((nowMs() - t0) / 1000).toFixed(1)} s`,
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/tools/bench/cache-probe.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, PROBE_DATA_DIR: dir, PROBE_RUNS: '200' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const probe = probeSchema.parse(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
  const size = `${String(conversations / 1000)}k conversations / ${String((conversations * messagesPer) / 1000)}k messages`;
  const baseline = { label: 'raw SQLite page read', value: percentile(probe.raw, 99) };
  const query = (id: string, label: string, times: readonly number[]): Figure => {
    const value = percentile(times, 99);
    return figure({
      id,
      label: `cache ${label} p99 (${size})`,
      value,
      unit: 'ms',
      baseline,
      target: '< 20 ms',
      pass: value < 20,
    });
  };
  return [
    query('cache.page-by-due', 'one page sorted by due time', probe.page),
    query('cache.filter-queue-language', 'filter by queue and language', probe.filter),
    query('cache.search', 'full-text search', probe.search),
    {
      ...query('cache.any-filters', 'any mix of list filters, either sort', probe.combinations),
      note: `192 filter and sort combinations; the slowest single read was ${probe.slowest.ms.toFixed(1)} ms (${probe.slowest.list})`,
    },
    figure({
      id: 'memory.engine-rss',
      label: `engine process RSS with the cache open (${size})`,
      value: probe.rss / 1024 / 1024,
      unit: 'MiB',
      baseline: null,
      target: 'reported (no target)',
      pass: null,
    }),
  ];
}
