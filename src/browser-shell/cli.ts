import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startConsoleShell } from './console';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  renderer: z.string().min(1).default('out/renderer'),
  data: z.string().min(1).default('.desk-data/console'),
  hub: z.url().optional(),
  'hub-ca': z.string().min(1).optional(),
});

function packageVersion(): string {
  const parsed = z
    .object({ version: z.string() })
    .safeParse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')));
  return parsed.success ? parsed.data.version : '0.0.0';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      renderer: { type: 'string' },
      data: { type: 'string' },
      hub: { type: 'string' },
      'hub-ca': { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    throw new Error(args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const running = await startConsoleShell({
    dataDir: resolve(args.data.data),
    rendererDir: resolve(args.data.renderer),
    port: args.data.port,
    version: packageVersion(),
    ...(args.data.hub ? { hubUrlPolicy: { url: args.data.hub, locked: false, reason: null } } : {}),
    extraCaFile: args.data['hub-ca'] ?? null,
    log: (line) => {
      console.error(line);
    },
  });
  console.log(`Social Desk console: ${running.shell.url}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`browser-shell: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
