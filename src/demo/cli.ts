import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startConsoleShell, type ConsoleShell } from '../browser-shell/console';
import { startHub } from '../hub/server';
import { addUser, seedDefaults } from '../hub/users';
import { getOperatorByName } from '../hub/db/operators';
import { openHubDb } from '../hub/db/connection';
import { findElectronBinary } from './electron-binary';
import { DEMO_USERS } from './users';

const root = resolve(import.meta.dirname, '../..');

const argsSchema = z.object({
  data: z.string().min(1).default('.desk-data/demo'),
  'hub-port': z.coerce.number().int().min(0).max(65535).default(4310),
  'console-port': z.coerce.number().int().min(0).max(65535).default(5180),
  consoles: z.coerce.number().int().min(1).max(4).default(1),
  simulate: z.coerce.number().min(0).max(6000).default(4),
  browser: z.boolean().default(false),
});

async function ensureUsers(hubDir: string): Promise<void> {
  seedDefaults(hubDir);
  for (const user of DEMO_USERS) {
    const db = openHubDb(hubDir);
    const exists = getOperatorByName(db, user.name) !== null;
    db.close();
    if (!exists) await addUser(hubDir, user);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      'hub-port': { type: 'string' },
      'console-port': { type: 'string' },
      consoles: { type: 'string' },
      simulate: { type: 'string' },
      browser: { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const args = parsed.data;
  const dataDir = resolve(args.data);
  const hubDir = join(dataDir, 'hub');
  mkdirSync(hubDir, { recursive: true });
  await ensureUsers(hubDir);

  const hub = await startHub({
    dataDir: hubDir,
    port: args['hub-port'],
    simulatePerMinute: args.simulate,
    log: (line) => {
      console.error(`[hub] ${line}`);
    },
  });
  console.log(`Hub: ${hub.url} (simulating ${args.simulate} messages a minute; data in ${hubDir})`);
  console.log('Demo users (name / password):');
  for (const user of DEMO_USERS)
    console.log(`  ${user.name.padEnd(6)} ${user.password.padEnd(16)} ${user.note}`);

  const consoles: ConsoleShell[] = [];
  const electron = args.browser ? null : findElectronBinary(root);
  if (electron) {
    console.log('Starting the Electron console…');
    const child = spawn(electron, [join(root, 'out/main/index.js')], {
      stdio: 'inherit',
      env: { ...process.env, DESK_HUB_URL: hub.url },
    });
    child.on('exit', () => {
      void hub.close().then(() => process.exit(0));
    });
  } else {
    for (let i = 0; i < args.consoles; i++) {
      const running = await startConsoleShell({
        dataDir: join(dataDir, `console-${i + 1}`),
        rendererDir: join(root, 'out/renderer'),
        port: args['console-port'] === 0 ? 0 : args['console-port'] + i,
        hubUrlPolicy: { url: hub.url, locked: false, reason: null },
        version: 'demo',
        log: (line) => {
          console.error(`[console ${i + 1}] ${line}`);
        },
      });
      consoles.push(running);
      console.log(`Console ${i + 1}: open ${running.shell.url} in Chromium`);
    }
    console.log('(No Electron binary here, so the console runs in the browser shell.) Ctrl+C stops.');
  }

  const stop = () => {
    void Promise.all(consoles.map((c) => c.close()))
      .then(() => hub.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
