import { cpus, freemem, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { benchCache } from './cache';
import { benchCatchUp } from './catch-up';
import { removeTempDirs } from './desk';
import { measureDiskFlushMs } from './disk-flush';
import { benchFanout } from './fanout';
import { formatTable, type Figure } from './figures';
import { benchOutbox } from './outbox';
import { benchRenderer } from './renderer';

const SECTIONS = ['fanout', 'catch-up', 'outbox', 'cache', 'renderer'] as const;
const USAGE = `usage: npm run bench -- [--quick] [--out bench-results.json] [--only ${SECTIONS.join(',')}]`;

const optionsSchema = z.object({
  quick: z.boolean().default(false),
  out: z.string().min(1).default('bench-results.json'),
  only: z
    .string()
    .default(SECTIONS.join(','))
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(SECTIONS)).min(1)),
});

async function main(): Promise<number> {
  let values: unknown;
  try {
    values = parseArgs({
      options: { quick: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(
      `bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}\n`,
    );
    return 2;
  }
  const o = parsed.data;
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const started = Date.now();
  const figures: Figure[] = [];
  const run = async (section: (typeof SECTIONS)[number], fn: () => Promise<Figure[]>): Promise<void> => {
    if (!o.only.includes(section)) return;
    log(`[bench] ${section}…`);
    try {
      figures.push(...(await fn()));
    } catch (error) {
      log(
        `[bench] ${section} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      figures.push({
        id: `${section}.failed`,
        label: `${section}: the measurement failed (${error instanceof Error ? error.message : String(error)})`,
        value: Number.NaN,
        unit: '',
        baseline: null,
        ratio: null,
        target: 'completes',
        pass: false,
      });
    } finally {
      removeTempDirs();
    }
  };
  await run('fanout', () =>
    benchFanout({
      sizes: o.quick ? [10, 100] : [10, 100, 500],
      samples: o.quick ? 10 : 25,
      hosts: 2,
      ingestAt: 100,
      ingestCount: o.quick ? 600 : 2000,
      log,
    }),
  );
  await run('catch-up', () => benchCatchUp(o.quick ? [10_000] : [10_000, 100_000], log));
  await run('outbox', () => benchOutbox(1000, log));
  await run('cache', () => (o.quick ? benchCache(10_000, 10, log) : benchCache(100_000, 10, log)));
  await run('renderer', () => benchRenderer(10_000, log));

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    freeGiB: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    diskFlushMs: Math.round(measureDiskFlushMs() * 1000) / 1000,
  };
  const table = formatTable(figures);
  const missed = figures.filter((f) => f.pass === false);
  process.stdout.write(
    `${table}\n\nmachine: ${String(machine.cpus)} × ${machine.cpuModel}, ${String(machine.memoryGiB)} GiB, node ${machine.node}, one 40 KiB write + fdatasync ${String(machine.diskFlushMs)} ms; ${o.quick ? 'quick run' : 'full run'} in ${String(Math.round((Date.now() - started) / 1000))} s\n` +
      `${String(figures.filter((f) => f.pass === true).length)} met, ${String(missed.length)} missed${missed.length > 0 ? `: ${missed.map((f) => f.id).join(', ')}` : ''}\n`,
  );
  writeFileSync(
    o.out,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), quick: o.quick, machine, figures }, null, 2)}\n`,
  );
  log(`[bench] wrote ${o.out}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Sockets from the measured consoles can linger; the results are written.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
