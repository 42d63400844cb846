import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { z } from 'zod';
import { verifyMetaSignature } from '../../hub/webhooks/signatures';
import { login, nowMs, sleep, startBenchHub, tempDir } from './desk';
import { figure, percentile, type Figure } from './figures';
import { hostLineSchema, probeLineSchema, type HostLine } from './host-lines';
import { JsonChild, ROOT } from './json-child';
import { META_SECRET } from './signed-post';

export interface FanoutOptions {
  readonly sizes: readonly number[];
  readonly samples: number;
  readonly hosts: number;
  readonly ingestAt: number;
  readonly ingestCount: number;
  readonly log: (line: string) => void;
}

type Host = JsonChild<HostLine>;

const WARM_UP_SAMPLES = 3;

async function all(
  hosts: readonly Host[],
  command: (i: number) => Record<string, unknown> | null,
  timeoutMs?: number,
): Promise<HostLine[]> {
  const answers = await Promise.all(
    hosts.map((h, i) => {
      const c = command(i);
      return c === null ? Promise.resolve(null) : h.request(c, timeoutMs);
    }),
  );
  const lines = answers.filter((a): a is HostLine => a !== null);
  const failed = lines.find((l) => l.kind === 'error');
  if (failed?.kind === 'error') throw new Error(failed.error);
  return lines;
}

/**
 * Arms every host, runs `fire`, and returns each console's delay, in ms, after the moment
 * `fire` gives (when the message left for the hub, or the broadcast began).
 */
async function sample(
  hosts: readonly Host[],
  group: 'engines' | 'raw',
  fire: () => Promise<number> | number,
): Promise<number[]> {
  await all(hosts, () => ({ cmd: 'arm', group }));
  const t0 = await fire();
  const lines = await all(hosts, () => ({ cmd: 'collect', timeoutMs: 15_000 }));
  const out: number[] = [];
  for (const line of lines)
    if (line.kind === 'times') for (const t of line.times) out.push(t === null ? 15_000 : t - t0);
  return out;
}

/** Counts split over hosts as evenly as possible. */
const split = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

async function bareIngestServer(): Promise<{ server: HttpServer; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ok = verifyMetaSignature(
        META_SECRET,
        body,
        (req.headers['x-hub-signature-256'] as string | undefined) ?? null,
      );
      JSON.parse(body.toString('utf8'));
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` };
}

const senderSchema = z.object({ elapsedMs: z.number() });

/** Seconds a separate sender process takes to deliver `count` signed webhooks, 16 in flight. */
async function sendFromOutside(url: string, count: number): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/tools/bench/webhook-sender.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SENDER_URL: url,
        SENDER_COUNT: String(count),
        SENDER_CONCURRENCY: '16',
      },
    },
  );
  return senderSchema.parse(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')).elapsedMs / 1000;
}

/**
 * Hub → console latency at several desk sizes against a bare socket.io broadcast of the same
 * payload to the same number of clients (same host processes), then ingest throughput at
 * `ingestAt` consoles, and the hub's memory per connected console.
 */
export async function benchFanout(options: FanoutOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const desk = await startBenchHub();
  const session = await login(desk.hub.url);
  const hosts: Host[] = Array.from(
    { length: options.hosts },
    () => new JsonChild('src/tools/bench/engine-host.ts', hostLineSchema),
  );
  const baseDir = tempDir('desk-bench-engines-');
  // Latency probes come from another process, as from Meta's servers (see probe-sender.ts).
  const probe = new JsonChild('src/tools/bench/probe-sender.ts', probeLineSchema);

  // The bare broadcast: socket.io alone, in this process like the hub.
  const bareHttp = createServer();
  const bare = new Server(bareHttp, { serveClient: false });
  await new Promise<void>((resolve) => bareHttp.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${String((bareHttp.address() as AddressInfo).port)}`;

  // The payload consoles really receive for one webhook message, captured from the hub.
  let payload: unknown = null;
  const listener = connect(desk.hub.url, {
    auth: { token: session.token, consoleId: randomUUID(), lastSeq: 0 },
    transports: ['websocket'],
    forceNew: true,
  });
  listener.on('sync:changes', (batch: unknown) => {
    payload = batch;
  });

  const rssBefore = process.memoryUsage().rss;
  let engines = 0;
  let raws = 0;
  try {
    for (const size of options.sizes) {
      const add = split(size - engines, hosts.length);
      await all(
        hosts,
        (i) =>
          (add[i] ?? 0) > 0
            ? {
                cmd: 'engines',
                hubUrl: desk.hub.url,
                token: session.token,
                expiresAt: session.expiresAt,
                operator: session.operator,
                count: add[i],
                baseDir: join(baseDir, `host-${String(i)}`),
              }
            : null,
        600_000,
      );
      engines = size;
      const addRaw = split(size - raws, hosts.length);
      await all(
        hosts,
        (i) => ((addRaw[i] ?? 0) > 0 ? { cmd: 'raw', url: bareUrl, count: addRaw[i] } : null),
        600_000,
      );
      raws = size;
      options.log(`[bench] ${String(size)} engines and ${String(size)} bare clients connected`);
      if (size === Math.max(...options.sizes)) {
        await sleep(500);
        const perConsole = (process.memoryUsage().rss - rssBefore) / size / 1024;
        figures.push(
          figure({
            id: 'memory.hub-per-console',
            label: `hub RSS per connected console (${String(size)} consoles)`,
            value: perConsole,
            unit: 'KiB',
            baseline: null,
            target: 'reported (no target)',
            pass: null,
            note: 'Includes the bare socket.io server and its clients in the same process; an upper bound.',
          }),
        );
      }

      const hubTimes: number[] = [];
      const bareTimes: number[] = [];
      // The first few rounds at each size only warm up (JIT, statement caches, new sockets),
      // for the bare broadcast as much as for the hub; they are not counted.
      for (let s = -WARM_UP_SAMPLES; s < options.samples; s += 1) {
        const hub = await sample(hosts, 'engines', async () => {
          const sent = await probe.request({
            url: desk.hub.url,
            senderId: `latency-${randomUUID()}`,
            text: `Latency probe ${String(s)}: my car was broken into`,
          });
          if (sent.kind !== 'sent') throw new Error(`the probe sender failed: ${sent.error}`);
          return sent.sentAt;
        });
        const raw = await sample(hosts, 'raw', () => {
          const t0 = nowMs();
          bare.emit('bench', payload);
          return t0;
        });
        if (s >= 0) {
          hubTimes.push(...hub);
          bareTimes.push(...raw);
        }
        await sleep(10);
      }
      for (const p of [50, 99] as const) {
        const value = percentile(hubTimes, p);
        const base = percentile(bareTimes, p);
        const ratioOk = value <= 1.5 * base;
        figures.push(
          figure({
            id: `latency.n${String(size)}.p${String(p)}`,
            label: `hub→console p${String(p)}, ${String(size)} consoles`,
            value,
            unit: 'ms',
            baseline: { label: 'bare socket.io broadcast', value: base },
            target: p === 99 ? (size >= 500 ? '≤ 1.5× baseline and < 50 ms' : '≤ 1.5× baseline') : 'reported',
            pass: p === 99 ? ratioOk && (size < 500 || value < 50) : null,
          }),
        );
      }

      if (size === options.ingestAt) figures.push(...(await benchIngest(desk.hub.url, hosts, options)));
    }
  } finally {
    listener.disconnect();
    await all(hosts, () => ({ cmd: 'close' }), 600_000).catch(() => undefined);
    for (const h of hosts) await h.stop();
    await probe.stop();
    await bare.close();
    await desk.close();
  }
  return figures;
}

async function benchIngest(
  hubUrl: string,
  hosts: readonly Host[],
  options: FanoutOptions,
): Promise<Figure[]> {
  const healthHead = async (): Promise<number> => {
    const r = (await (await fetch(`${hubUrl}/healthz`)).json()) as { seq: number };
    return r.seq;
  };
  // The hub answers a delivery only after storing it and handing its changes to every
  // console's socket, so the last answer is the end of "stored and fanned out".
  const elapsed = await sendFromOutside(hubUrl, options.ingestCount);
  const sent = nowMs();
  const head = await healthHead();
  for (;;) {
    const lines = await all(hosts, () => ({ cmd: 'seqs' }));
    if (lines.every((l) => l.kind === 'seqs' && l.seqs.every((s) => s >= head))) break;
    await sleep(20);
  }
  const appliedElapsed = elapsed + (nowMs() - sent) / 1000;
  const bareServer = await bareIngestServer();
  const bareElapsed = await sendFromOutside(bareServer.url, options.ingestCount);
  await new Promise<void>((resolve) =>
    bareServer.server.close(() => {
      resolve();
    }),
  );
  const rate = options.ingestCount / elapsed;
  options.log(`[bench] ingest: ${String(options.ingestCount)} webhooks in ${elapsed.toFixed(2)} s`);
  return [
    figure({
      id: 'ingest.webhooks-per-second',
      label: `ingest, signed webhooks stored and fanned out to ${String(options.ingestAt)} consoles`,
      value: rate,
      unit: '/s',
      baseline: { label: 'bare node:http verify+parse', value: options.ingestCount / bareElapsed },
      target: '≥ 2000 /s',
      pass: rate >= 2000,
    }),
    figure({
      id: 'ingest.consoles-current',
      label: `ingest, time until all ${String(options.ingestAt)} consoles had every change in their caches`,
      value: appliedElapsed * 1000,
      unit: 'ms',
      baseline: { label: 'time to store and fan out', value: elapsed * 1000 },
      target: 'reported',
      pass: null,
      note: "The simulated consoles share this machine's cores with the hub; on a real desk each has its own.",
    }),
  ];
}
