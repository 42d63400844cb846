import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { hubDbPath } from '../../hub/db/connection';
import { addUser } from '../../hub/users';
import { checkHubRecords, type ChaosFacts, type CheckResult } from './check';
import { HubProcess, WorkerProcess } from './processes';
import type { WorkerLine } from './protocol';
import { seededRandom } from './random';
import { hubVisibleState, stateHashes, type StateHashes } from './state-hash';
import { webhookTraffic } from './traffic';

export interface ChaosOptions {
  readonly seconds: number;
  readonly consoles: number;
  /** Hub SIGKILLs spread over the run; default one every 25 s (at least one). */
  readonly hubKills?: number;
  readonly seed?: number;
  /** Mean time between one console's actions. */
  readonly actionIntervalMs?: number;
  /** Mean time between webhook deliveries. */
  readonly webhookIntervalMs?: number;
  /** Mean time between console kills and cut-offs (across all consoles). */
  readonly consoleChaosIntervalMs?: number;
  readonly leaseGraceMs?: number;
  /** How long the consoles get to converge after the chaos stops. */
  readonly convergeTimeoutMs?: number;
  /** Keep the data folders afterwards (they are removed on success otherwise). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
  /** Test hook: edit one cached row in console 0 before the hashes are taken. */
  readonly tamperConsoleCache?: boolean;
  /** Test hook: runs on the stopped hub's database file before its records are checked. */
  readonly beforeHubCheck?: (hubDbFile: string, facts: ChaosFacts) => void;
}

export interface ChaosReport {
  readonly ok: boolean;
  readonly seed: number;
  readonly seconds: number;
  readonly consoles: number;
  readonly elapsedMs: number;
  readonly hubKills: number;
  readonly consoleKills: number;
  readonly cutOffs: number;
  readonly actions: {
    readonly submitted: number;
    /**
     * Actions a console answered for but never announced: it was killed between queuing one
     * (durably) and printing that it had, and sent it after its restart.
     */
    readonly unannounced: number;
    readonly accepted: number;
    readonly rejected: number;
  };
  readonly webhooks: {
    readonly sent: number;
    readonly acknowledged: number;
    readonly refused: number;
    readonly unreachable: number;
  };
  readonly hubHeadSeq: number;
  readonly checks: readonly CheckResult[];
  readonly workDir: string;
  readonly facts: ChaosFacts;
}

const META_SECRET = 'chaos-meta-app-secret';
const TOKEN_SECRET = 'chaos-token-secret-0123456789abcdef';
const PASSWORD = 'chaos-password-123';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

const healthSchema = z.object({ ok: z.literal(true), seq: z.number().int() });
async function hubHead(url: string): Promise<number> {
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return healthSchema.parse(await response.json()).seq;
}

/**
 * Runs a hub and K console engines as separate processes, drives random operator and lead
 * actions and webhook traffic, and meanwhile cuts consoles off, SIGKILLs consoles and the
 * hub and restarts them in place. Then lets everything converge and checks that nothing
 * acknowledged was lost or applied twice, that every cache equals the hub's view for its
 * operator, and that the audit chain holds.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const plannedHubKills = options.hubKills ?? Math.max(1, Math.floor(options.seconds / 25));
  // Large desks act less often each (about 6.7 actions a second in all at most): a real
  // operator acts every few seconds, and faster overloads a 2-core machine running all K.
  const actionIntervalMs = options.actionIntervalMs ?? Math.max(700, options.consoles * 150);
  const consoleChaosIntervalMs =
    options.consoleChaosIntervalMs ?? Math.max(700, Math.round(6_000 / Math.sqrt(options.consoles)));
  const workDir = mkdtempSync(join(tmpdir(), 'desk-chaos-'));
  const hubDir = join(workDir, 'hub');
  mkdirSync(hubDir);
  log(`[chaos] seed ${String(seed)}, work dir ${workDir}`);

  // Console 0 is a shift lead; the rest are operators, some cleared for confidential work.
  const users = Array.from({ length: options.consoles }, (_, i) => ({
    name: i === 0 ? 'lead-0' : `operator-${String(i)}`,
    role: i === 0 ? ('lead' as const) : ('operator' as const),
    skills:
      i === 0
        ? (['confidential', 'welsh'] as const)
        : i % 2 === 1
          ? (['confidential'] as const)
          : (['welsh'] as const),
  }));
  const ids: string[] = [];
  for (const user of users)
    ids.push((await addUser(hubDir, { ...user, skills: [...user.skills], password: PASSWORD })).id);

  const hub = new HubProcess({
    dataDir: hubDir,
    port: await freePort(),
    env: {
      DESK_META_APP_SECRET: META_SECRET,
      DESK_X_CONSUMER_SECRET: 'chaos-x-secret',
      DESK_TOKEN_SECRET: TOKEN_SECRET,
      DESK_LEASE_GRACE_MS: String(options.leaseGraceMs ?? 8_000),
    },
  });
  await hub.start();

  const submitted = new Map<string, { console: number; type: string; body: string | null }>();
  const outcomes = new Map<string, { console: number; outcome: 'accepted' | 'rejected' }>();
  const contradictions: string[] = [];
  const onLine = (index: number, line: WorkerLine): void => {
    if (line.kind === 'submitted')
      submitted.set(line.opId, { console: index, type: line.type, body: line.body });
    else if (line.kind === 'outcome') {
      const before = outcomes.get(line.opId);
      if (before !== undefined && before.outcome !== line.outcome)
        contradictions.push(
          `console ${String(index)} op ${line.opId} shown ${before.outcome} then ${line.outcome}`,
        );
      outcomes.set(line.opId, { console: index, outcome: line.outcome });
    }
  };
  const workers = users.map(
    (user, i) =>
      new WorkerProcess({
        index: i,
        dataDir: join(workDir, `console-${String(i)}`),
        onLine,
        env: {
          CHAOS_HUB_URL: hub.url,
          CHAOS_NAME: user.name,
          CHAOS_PASSWORD: PASSWORD,
          CHAOS_ROLE: user.role,
          CHAOS_SEED: String(seed + i + 1),
          CHAOS_OPERATOR_IDS: JSON.stringify(ids.slice(1)),
        },
      }),
  );
  const traffic = webhookTraffic(() => hub.url, META_SECRET, random);
  const checks: CheckResult[] = [];
  let hubKills = 0;
  let consoleKills = 0;
  let cutOffs = 0;
  let head = 0;

  try {
    // Two at a time: each one compiles TypeScript on start, and the machine may have 2 cores.
    for (let i = 0; i < workers.length; i += 2)
      await Promise.all(workers.slice(i, i + 2).map((w) => w.start()));
    await waitConverged(workers, hub.url, 120_000, false);
    // Some work to act on before the consoles start.
    for (let i = 0; i < 10; i += 1) await traffic.sendOne();
    for (const w of workers) await w.request({ cmd: 'act', on: true, intervalMs: actionIntervalMs });
    log(`[chaos] ${String(workers.length)} consoles acting; chaos for ${String(options.seconds)} s`);

    const chaosStart = Date.now();
    const deadline = chaosStart + options.seconds * 1000;
    const killTimes = Array.from(
      { length: plannedHubKills },
      (_, i) => chaosStart + ((i + 0.5) * options.seconds * 1000) / plannedHubKills,
    );
    const tasks = new Set<Promise<void>>();
    const track = (task: () => Promise<void>): void => {
      const p = task().catch((error: unknown) => {
        log(`[chaos] task failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      tasks.add(p);
      void p.finally(() => tasks.delete(p));
    };
    let hubBusy = false;
    const busy = new Set<number>();
    let nextWebhook = chaosStart;
    let nextConsoleChaos = chaosStart + consoleChaosIntervalMs;

    const restartHub = async (): Promise<void> => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await hub.start();
          return;
        } catch (error) {
          // The port can take a moment to be free again after a kill.
          if (attempt >= 20) throw error;
          await sleep(250);
        }
      }
    };

    while (Date.now() < deadline || killTimes.length > 0 || hubBusy) {
      await sleep(50);
      const now = Date.now();
      const due = killTimes[0];
      if (!hubBusy && due !== undefined && due <= now) {
        killTimes.shift();
        hubBusy = true;
        track(async () => {
          try {
            await hub.kill('SIGKILL');
            hubKills += 1;
            log(`[chaos] hub killed (${String(hubKills)}/${String(plannedHubKills)})`);
            await sleep(random.between(200, 1500));
            await restartHub();
          } finally {
            hubBusy = false;
          }
        });
      }
      if (now >= deadline) continue;
      if (now >= nextWebhook) {
        nextWebhook = now + random.between(0.5, 1.5) * (options.webhookIntervalMs ?? 300);
        track(() => traffic.sendOne());
      }
      if (now >= nextConsoleChaos) {
        nextConsoleChaos = now + random.between(0.5, 1.5) * consoleChaosIntervalMs;
        const free = workers.map((_, i) => i).filter((i) => !busy.has(i));
        const index = random.pick(free);
        const worker = index === undefined ? undefined : workers[index];
        if (index !== undefined && worker !== undefined) {
          busy.add(index);
          const kill = random.chance(0.4);
          track(async () => {
            try {
              if (kill) {
                await worker.kill();
                consoleKills += 1;
                await sleep(random.between(300, 3000));
                await worker.start();
                await worker.request({ cmd: 'act', on: true, intervalMs: actionIntervalMs });
              } else {
                await worker.request({ cmd: 'disconnect' });
                cutOffs += 1;
                await sleep(random.between(1000, 5000));
                await worker.request({ cmd: 'reconnect' });
              }
            } finally {
              busy.delete(index);
            }
          });
        }
      }
    }
    log('[chaos] chaos over; letting everything converge');
    await Promise.all([...tasks]);
    for (const w of workers)
      if (w.running)
        await w
          .request({ cmd: 'act', on: false, intervalMs: actionIntervalMs }, 120_000)
          .catch(() => undefined);
    if (!hub.running) await restartHub();
    for (const w of workers) {
      if (!w.running) await w.start();
      // A loaded machine can take a while to answer; only a console that never does is a failure.
      await w.request({ cmd: 'reconnect' }, 120_000);
    }
    await waitConverged(workers, hub.url, options.convergeTimeoutMs ?? 180_000, true);

    const cache = await compareCaches(
      workers,
      hub.url,
      options.tamperConsoleCache === true,
      options.convergeTimeoutMs ?? 180_000,
    );
    head = cache.head;
    checks.push(...cache.checks);
  } catch (error) {
    checks.push({
      name: 'the run completed and every console converged',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
    });
  } finally {
    for (const w of workers) await w.close();
    await hub.stop();
  }

  const facts: ChaosFacts = { submitted, outcomes, storedMids: traffic.storedMids };
  checks.push({
    name: 'no console was told two different outcomes for one action',
    ok: contradictions.length === 0,
    detail: contradictions.length === 0 ? 'none' : contradictions.slice(0, 5).join('; '),
  });
  const hubFile = hubDbPath(hubDir);
  options.beforeHubCheck?.(hubFile, facts);
  checks.push(...checkHubRecords(hubFile, facts));
  const ok = checks.every((c) => c.ok);
  if (ok && options.keep !== true) rmSync(workDir, { recursive: true, force: true });
  const accepted = [...outcomes.values()].filter((o) => o.outcome === 'accepted').length;
  return {
    ok,
    seed,
    seconds: options.seconds,
    consoles: options.consoles,
    elapsedMs: Date.now() - started,
    hubKills,
    consoleKills,
    cutOffs,
    actions: {
      submitted: submitted.size,
      unannounced: [...outcomes.keys()].filter((opId) => !submitted.has(opId)).length,
      accepted,
      rejected: outcomes.size - accepted,
    },
    webhooks: { ...traffic.stats },
    hubHeadSeq: head,
    checks,
    workDir,
    facts,
  };
}

/** Every console online, outbox empty and level with the hub's head. */
async function waitConverged(
  workers: readonly WorkerProcess[],
  hubUrl: string,
  timeoutMs: number,
  requireEmptyOutbox: boolean,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  let lagging = '';
  for (;;) {
    try {
      const head = await hubHead(hubUrl);
      const behind: string[] = [];
      for (const [i, w] of workers.entries()) {
        const line = await w.request({ cmd: 'status' }, 60_000);
        if (line.kind !== 'status') throw new Error('unexpected answer to status');
        const s = line.status;
        if (s.link !== 'online' || !s.signedIn || s.lastSeq !== head || (requireEmptyOutbox && s.outbox > 0))
          behind.push(
            `console ${String(i)} ${s.link} seq ${String(s.lastSeq)}/${String(head)} outbox ${String(s.outbox)} (last log: ${w.logTail.slice(-3).join(' | ') || 'none'})`,
          );
      }
      if (behind.length === 0) return head;
      lagging = behind.slice(0, 5).join('; ');
    } catch (error) {
      lagging = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > until) throw new Error(`consoles did not converge: ${lagging}`);
    await sleep(250);
  }
}

/** Confirmed-cache hashes from every console against the hub's view for its operator, at one quiet head. */
async function compareCaches(
  workers: readonly WorkerProcess[],
  hubUrl: string,
  tamper: boolean,
  timeoutMs: number,
): Promise<{ head: number; checks: CheckResult[] }> {
  for (let attempt = 1; ; attempt += 1) {
    const head = await waitConverged(workers, hubUrl, timeoutMs, true);
    const consoles: Extract<WorkerLine, { kind: 'hashes' }>[] = [];
    for (const w of workers) {
      const line = await w.request({
        cmd: 'hashes',
        tamper: tamper && consoles.length === 0 && attempt === 1,
      });
      if (line.kind !== 'hashes') throw new Error('unexpected answer to hashes');
      consoles.push(line);
    }
    const hubs: StateHashes[] = [];
    for (const c of consoles) hubs.push(stateHashes(await hubVisibleState(hubUrl, c.token)));
    // Something (a lease expiring) moved the hub meanwhile: take the hashes again.
    if ((await hubHead(hubUrl)) !== head || consoles.some((c) => c.lastSeq !== head)) {
      if (attempt >= 5) throw new Error('the hub kept changing while the caches were compared');
      continue;
    }
    const cacheProblems: string[] = [];
    const viewProblems: string[] = [];
    for (const [i, c] of consoles.entries()) {
      const hubHashes = hubs[i];
      if (hubHashes === undefined) continue;
      const differ = (Object.keys(hubHashes) as (keyof StateHashes)[]).filter(
        (k) => hubHashes[k] !== c.confirmed[k],
      );
      if (differ.length > 0)
        cacheProblems.push(`console ${String(i)}: ${differ.join(', ')} differ from the hub`);
      if (c.view !== c.confirmed.conversation)
        viewProblems.push(`console ${String(i)}: the operator's view differs from its confirmed cache`);
      if (c.leftovers.confirmedCopies > 0 || c.leftovers.pendingViews > 0)
        viewProblems.push(
          `console ${String(i)}: ${String(c.leftovers.confirmedCopies)} confirmed copies and ${String(c.leftovers.pendingViews)} pending views left with nothing pending`,
        );
    }
    return {
      head,
      checks: [
        {
          name: "every console's cache equals the hub's view for its operator",
          ok: cacheProblems.length === 0,
          detail:
            cacheProblems.length === 0
              ? `${String(consoles.length)} consoles at seq ${String(head)}`
              : cacheProblems.join('; '),
        },
        {
          name: "every console's view equals its confirmed state once nothing is pending",
          ok: viewProblems.length === 0,
          detail: viewProblems.length === 0 ? `${String(consoles.length)} consoles` : viewProblems.join('; '),
        },
      ],
    };
  }
}

export function formatReport(report: ChaosReport): string {
  const lines = [
    `chaos run: ${String(report.consoles)} consoles, ${String(report.seconds)} s of chaos (${(report.elapsedMs / 1000).toFixed(0)} s in all), seed ${String(report.seed)}`,
    `  hub SIGKILLs: ${String(report.hubKills)}   console SIGKILLs: ${String(report.consoleKills)}   console cut-offs: ${String(report.cutOffs)}`,
    `  actions queued: ${String(report.actions.submitted)}${report.actions.unannounced > 0 ? ` (+${String(report.actions.unannounced)} queued as its console was killed, known by its outcome)` : ''}   shown accepted: ${String(report.actions.accepted)}   shown rejected: ${String(report.actions.rejected)}`,
    `  webhook deliveries: ${String(report.webhooks.sent)} sent, ${String(report.webhooks.acknowledged)} acknowledged, ${String(report.webhooks.unreachable)} while the hub was down, ${String(report.webhooks.refused)} refused`,
    `  hub head sequence at the end: ${String(report.hubHeadSeq)}`,
    ...report.checks.map((c) => `  [${c.ok ? 'PASS' : 'FAIL'}] ${c.name}: ${c.detail}`),
    report.ok ? 'RESULT: PASS' : `RESULT: FAIL (data kept in ${report.workDir})`,
  ];
  return lines.join('\n');
}
