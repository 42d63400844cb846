/**
 * Hosts many console engines (or bare socket.io clients, for the baseline) in one process,
 * so the bench can spread hundreds of consoles over a few processes. Commands arrive as
 * JSON lines on stdin; each is answered by one JSON line with the same id.
 */
import { mkdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { createConsoleEngine, type ConsoleEngine } from '../../engine/engine';
import { operatorSchema } from '../../shared/domain/entities';
import { storeSession } from './stored-session';

const commandSchema = z.discriminatedUnion('cmd', [
  z.object({
    cmd: z.literal('engines'),
    id: z.number(),
    hubUrl: z.string(),
    token: z.string(),
    expiresAt: z.number(),
    operator: operatorSchema,
    count: z.number().int().min(1),
    baseDir: z.string(),
  }),
  z.object({ cmd: z.literal('arm'), id: z.number(), group: z.enum(['engines', 'raw']) }),
  z.object({ cmd: z.literal('collect'), id: z.number(), timeoutMs: z.number() }),
  z.object({ cmd: z.literal('seqs'), id: z.number() }),
  z.object({ cmd: z.literal('raw'), id: z.number(), url: z.string(), count: z.number().int().min(1) }),
  z.object({ cmd: z.literal('disconnect'), id: z.number() }),
  z.object({ cmd: z.literal('catch-up'), id: z.number(), headSeq: z.number().int().min(0) }),
  z.object({ cmd: z.literal('close'), id: z.number() }),
  z.object({ cmd: z.literal('rss'), id: z.number() }),
]);

// On a real desk every console is its own workstation. Here hundreds share the hub's two
// cores, so they run at a lower priority: what they cost must not be counted as the hub's
// own slowness. They still get every spare cycle, and latency waits for all of them.
// Their cache checkpoints stay on this process's thread too: a worker thread each would put
// hundreds of threads in the queue for the cores the hub needs, which no real desk does.
// A host with a single console (catch-up) is set up as that console's workstation: its
// own core, its own priority, checkpoints in a worker as in the app.
const alone = process.env.ENGINE_HOST_ALONE === '1';
setPriority(alone ? 0 : 10);

const say = (value: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};
const nowMs = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, what: string, timeoutMs = 300_000, everyMs = 50): Promise<void> {
  const limit = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

let engines: ConsoleEngine[] = [];
let raws: Socket[] = [];
/** Per console of each group: when the armed sample arrived (null until it does). */
const arrivals: Record<'engines' | 'raw', (number | null)[]> = { engines: [], raw: [] };
let armed: 'engines' | 'raw' | null = null;

function record(group: 'engines' | 'raw', index: number): void {
  if (armed === group && arrivals[group][index] === null) arrivals[group][index] = nowMs();
}

async function startEngines(c: Extract<z.infer<typeof commandSchema>, { cmd: 'engines' }>): Promise<void> {
  const start = engines.length;
  for (let i = 0; i < c.count; i += 1) {
    const dataDir = join(c.baseDir, `engine-${String(start + i)}`);
    mkdirSync(dataDir, { recursive: true });
    // A stored session, as after a sign-in: the engine connects by itself when it opens.
    storeSession(dataDir, c.hubUrl, c);
    const index = start + i;
    arrivals.engines.push(null);
    engines.push(
      createConsoleEngine({
        dataDir,
        checkpointThread: alone ? 'worker' : 'main',
        emit: (event) => {
          // The batch is committed to the cache before data.changed is raised.
          if (event === 'data.changed') record('engines', index);
        },
      }),
    );
  }
  await until(() => engines.every((e) => e.connectionState().status === 'online'), 'engines online');
}

async function startRaw(url: string, count: number): Promise<void> {
  const start = raws.length;
  for (let i = 0; i < count; i += 1) {
    const index = start + i;
    arrivals.raw.push(null);
    // Reconnection stays on: hundreds of handshakes at once can time out and must retry.
    const socket = io(url, { transports: ['websocket'], forceNew: true });
    socket.on('bench', () => {
      record('raw', index);
    });
    raws.push(socket);
  }
  await until(() => raws.every((s) => s.connected), 'bare clients connected');
}

async function collect(timeoutMs: number): Promise<(number | null)[]> {
  const group = armed;
  if (group === null) return [];
  const until = Date.now() + timeoutMs;
  while (arrivals[group].some((a) => a === null) && Date.now() < until) await sleep(1);
  armed = null;
  return arrivals[group];
}

/** Reconnects every engine; ms until all of them have every change up to `headSeq`. */
async function catchUp(headSeq: number): Promise<number> {
  const t0 = nowMs();
  for (const e of engines) e.reconnect();
  await until(() => engines.every((e) => e.connectionState().lastSeq >= headSeq), 'catch-up', 600_000, 1);
  return nowMs() - t0;
}

createInterface({ input: process.stdin }).on('line', (text) => {
  const command = commandSchema.parse(JSON.parse(text));
  void (async (): Promise<void> => {
    switch (command.cmd) {
      case 'engines':
        await startEngines(command);
        say({ id: command.id, kind: 'done' });
        return;
      case 'raw':
        await startRaw(command.url, command.count);
        say({ id: command.id, kind: 'done' });
        return;
      case 'arm':
        arrivals[command.group] = arrivals[command.group].map(() => null);
        armed = command.group;
        say({ id: command.id, kind: 'done' });
        return;
      case 'collect':
        say({ id: command.id, kind: 'times', times: await collect(command.timeoutMs) });
        return;
      case 'seqs':
        say({ id: command.id, kind: 'seqs', seqs: engines.map((e) => e.connectionState().lastSeq) });
        return;
      case 'rss':
        say({ id: command.id, kind: 'rss', rss: process.memoryUsage().rss });
        return;
      case 'disconnect':
        for (const e of engines) await e.disconnect();
        say({ id: command.id, kind: 'done' });
        return;
      case 'catch-up':
        say({ id: command.id, kind: 'times', times: [await catchUp(command.headSeq)] });
        return;
      case 'close':
        for (const e of engines) await e.close();
        for (const s of raws) s.disconnect();
        engines = [];
        raws = [];
        arrivals.engines = [];
        arrivals.raw = [];
        say({ id: command.id, kind: 'done' });
        return;
    }
  })().catch((error: unknown) => {
    say({ id: command.id, kind: 'error', error: error instanceof Error ? error.message : String(error) });
  });
});

// Exit normally when the bench stops this host, so `node --cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
