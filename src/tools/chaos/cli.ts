import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatReport, runChaos } from './run';

const USAGE =
  'usage: npm run chaos -- --seconds S --consoles K [--hub-kills N] [--seed N] [--action-ms MS] [--webhook-ms MS] [--keep] [--quiet]';

const optionsSchema = z.object({
  seconds: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 3600),
  consoles: z.coerce.number().int().min(2).max(100),
  'hub-kills': z.coerce.number().int().min(0).max(1000).optional(),
  seed: z.coerce.number().int().optional(),
  'action-ms': z.coerce.number().int().min(20).optional(),
  'webhook-ms': z.coerce.number().int().min(10).optional(),
  keep: z.boolean().default(false),
  quiet: z.boolean().default(false),
});

async function main(): Promise<number> {
  let values: unknown;
  try {
    values = parseArgs({
      options: {
        seconds: { type: 'string', default: '60' },
        consoles: { type: 'string', default: '5' },
        'hub-kills': { type: 'string' },
        seed: { type: 'string' },
        'action-ms': { type: 'string' },
        'webhook-ms': { type: 'string' },
        keep: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(
      `chaos: --${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}\n${USAGE}\n`,
    );
    return 2;
  }
  const o = parsed.data;
  const report = await runChaos({
    seconds: o.seconds,
    consoles: o.consoles,
    keep: o.keep,
    ...(o['hub-kills'] === undefined ? {} : { hubKills: o['hub-kills'] }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o['action-ms'] === undefined ? {} : { actionIntervalMs: o['action-ms'] }),
    ...(o['webhook-ms'] === undefined ? {} : { webhookIntervalMs: o['webhook-ms'] }),
    log: o.quiet
      ? undefined
      : (line) => {
          process.stderr.write(`${line}\n`);
        },
  });
  process.stdout.write(`${formatReport(report)}\n`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
