import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createHandlerTable } from '../engine/handlers';
import { startBrowserShell } from './server';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  renderer: z.string().min(1).default('out/renderer'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const shell = await startBrowserShell({
    rendererDir: resolve(args.renderer),
    port: args.port,
    handlers: createHandlerTable({
      info: {
        name: 'Social Desk',
        version: '0.1.0',
        build: 'browser-shell',
        shell: 'browser',
        platform: process.platform,
      },
      now: () => Date.now(),
    }),
    log: (line) => {
      console.error(line);
    },
  });
  console.log(`Social Desk console: ${shell.url}`);
}

main().catch((error: unknown) => {
  console.error(`browser-shell: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
