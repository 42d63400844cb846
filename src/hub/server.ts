import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Operator } from '../shared/domain';
import { startDeliveryWorker } from './adapters/delivery-worker';
import { startBroadcastPublisher } from './broadcasts/publisher';
import { createRecordingAdapters } from './adapters/recording';
import type { PlatformAdapters } from './adapters/types';
import { DEFAULT_LOGIN_POLICY, login, type LoginPolicy } from './auth/login';
import { verifySessionToken } from './auth/tokens';
import type { HubContext } from './context';
import { headSeq, pruneChanges } from './db/change-log';
import { openHubDb, type HubDb } from './db/connection';
import { getMeta, setMeta } from './db/meta';
import { getAccount } from './db/operators';
import { getSession } from './db/sessions';
import { createRequestHandler } from './http/router';
import type { HubRequest } from './http/types';
import { handleMetaWebhook, handleXWebhook, type WebhookSecrets } from './http/webhook-routes';
import { startLeaseKeeper } from './leases';
import { createProfanitySource } from './moderation/profanity-file';
import { startModerationWorker } from './moderation/worker';
import { runAutoAssign } from './auto-assign';
import { createGroupCommit } from './group-commit';
import { startSimulator } from './simulator';
import { attachSyncServer, type SyncServer } from './sync/socket-server';
import { seedDefaults } from './users';
import { handleReportRequest } from './http/report-routes';
import { startSlaScheduler, type SlaScheduler } from './sla/scheduler';
import { loadSlaPoliciesAtStart } from './sla/startup';
import { startCheckpoints } from '../sqlite/checkpoints';

export interface HubOptions {
  readonly dataDir: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  readonly metaVerifyToken?: string;
  /** Without one, a random secret is used: only the built-in simulator can sign for it. */
  readonly metaAppSecret?: string;
  readonly xConsumerSecret?: string;
  /** Signs session tokens; otherwise one is generated once and kept in the database. */
  readonly tokenSecret?: string;
  /** How long a disconnected operator keeps their claims. Default 2 minutes. */
  readonly leaseGraceMs?: number;
  /** How far back consoles can pull changes; further behind they take a snapshot. Default 7 days. */
  readonly changeLogRetentionMs?: number;
  /** Simulated inbound messages per minute through the real webhook path. */
  readonly simulatePerMinute?: number;
  /** Outbound platforms; default records replies instead of sending them. */
  readonly adapters?: PlatformAdapters;
  readonly loginPolicy?: Partial<LoginPolicy>;
  /** How often the database's write-ahead log is folded back into its file. Default 1 s. */
  readonly checkpointEveryMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export interface RunningHub {
  /** e.g. http://127.0.0.1:4310 (https:// with TLS). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  headSeq(): number;
  /** Webhook secrets in force (useful to sign test and simulator deliveries). */
  readonly secrets: WebhookSecrets;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60_000;

/**
 * Often enough that the log stays small while webhooks flood in; a checkpoint with nothing
 * to copy, on a quiet desk, costs next to nothing.
 */
export const HUB_CHECKPOINT_EVERY_MS = 1_000;

function tokenSecretFor(db: HubDb, configured: string | undefined): Uint8Array {
  if (configured !== undefined && configured.length > 0) return new TextEncoder().encode(configured);
  let stored = getMeta(db, 'token_secret');
  if (stored === null) {
    stored = randomBytes(32).toString('base64url');
    setMeta(db, 'token_secret', stored);
  }
  return new TextEncoder().encode(stored);
}

/**
 * Starts the hub: one SQLite file under `dataDir`, HTTP(S) for login and webhooks, and
 * socket.io for consoles on the same port.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const db = openHubDb(options.dataDir);
  seedDefaults(db, now());
  try {
    loadSlaPoliciesAtStart(db, options.dataDir, now(), log);
  } catch (error) {
    db.close();
    throw error;
  }
  const secret = tokenSecretFor(db, options.tokenSecret);
  const retentionMs = options.changeLogRetentionMs ?? 7 * DAY;
  pruneChanges(db, now() - retentionMs);

  const secrets: WebhookSecrets = {
    metaVerifyToken: options.metaVerifyToken ?? null,
    metaAppSecret: options.metaAppSecret ?? randomBytes(32).toString('hex'),
    xConsumerSecret: options.xConsumerSecret ?? randomBytes(32).toString('hex'),
  };
  const policy: LoginPolicy = { ...DEFAULT_LOGIN_POLICY, ...options.loginPolicy };

  let sync: SyncServer | null = null;
  let slaScheduler: SlaScheduler | null = null;
  const ctx: HubContext = {
    db,
    now,
    log,
    leaseGraceMs: options.leaseGraceMs ?? 120_000,
    profanity: createProfanitySource(options.dataDir, log).current,
    isOnline: (operatorId) => sync?.isOnline(operatorId) ?? false,
    commit<T>(fn: () => T): T {
      // Nested commits join the outer transaction; only the outermost one fans out.
      if (db.inTransaction) return fn();
      const result = db.transaction(() => {
        const before = headSeq(db);
        const value = fn();
        // Whatever just changed (new work, a release, a status or capacity change) may let
        // automatic assignment hand something out: it commits with the change that allowed it.
        if (headSeq(db) > before) runAutoAssign(ctx);
        return value;
      })();
      sync?.publish();
      slaScheduler?.rearm();
      return result;
    },
    commitGrouped: <T>(fn: () => T): Promise<T> => grouped(fn),
  };
  const grouped = createGroupCommit(db, (fn) => {
    ctx.commit(fn);
  });

  const authenticateSession = async (
    token: string,
  ): Promise<{ operator: Operator; expiresAt: number; sessionId: string }> => {
    const claims = await verifySessionToken(secret, token, now());
    const session = getSession(db, claims.sessionId);
    if (session === null || session.revokedAt !== null || session.expiresAt <= now()) {
      throw new Error('session expired or revoked');
    }
    const account = getAccount(db, claims.operatorId);
    if (account === null || session.operatorId !== account.operator.id) throw new Error('unknown operator');
    if (account.disabledAt !== null) throw new Error('session ended: account disabled');
    return { operator: account.operator, expiresAt: session.expiresAt, sessionId: claims.sessionId };
  };
  const authenticate = async (token: string): Promise<Operator> =>
    (await authenticateSession(token)).operator;

  const adapters = options.adapters ?? createRecordingAdapters();
  const handler = createRequestHandler(
    {
      health: () => ({ ok: true, seq: headSeq(db) }),
      login: (body) => login(ctx, secret, policy, body),
      metaWebhook: (req: HubRequest) => handleMetaWebhook(ctx, secrets, req),
      xWebhook: (req: HubRequest) => handleXWebhook(ctx, secrets, req),
      reports: (req: HubRequest) => handleReportRequest(db, authenticate, req),
    },
    log,
  );
  const server: HttpServer | HttpsServer =
    options.tls === undefined
      ? createHttpServer(handler)
      : createHttpsServer(
          { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) },
          handler,
        );

  const leases = startLeaseKeeper(ctx);
  const deliveries = startDeliveryWorker(ctx, adapters);
  const broadcasts = startBroadcastPublisher(ctx, adapters);
  const moderationWorker = startModerationWorker(ctx, adapters);
  sync = attachSyncServer(server, ctx, {
    authenticate: authenticateSession,
    onOperatorConnected: (id) => {
      leases.connected(id);
      // Someone available just came back: waiting work may now have a taker.
      ctx.commit(() => runAutoAssign(ctx));
    },
    onOperatorDisconnected: (id) => {
      leases.disconnected(id);
    },
    afterOperation: () => {
      deliveries.kick();
      broadcasts.kick();
      moderationWorker.kick();
    },
  });

  const pruneTimer = setInterval(
    () => {
      try {
        pruneChanges(db, now() - retentionMs);
      } catch (error) {
        log(`[hub] prune failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    Math.max(1000, Math.min(60 * 60_000, Math.floor(retentionMs / 2))),
  );
  pruneTimer.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    leases.stop();
    await deliveries.stop();
    await broadcasts.stop();
    await moderationWorker.stop();
    clearInterval(pruneTimer);
    db.close();
    throw error;
  }
  // Out of the commits: a commit that checkpointed held up every webhook and console.
  // Started once the hub is up, so no failed start leaves the worker behind.
  const checkpoints = startCheckpoints(db, {
    everyMs: options.checkpointEveryMs ?? HUB_CHECKPOINT_EVERY_MS,
    label: 'hub',
    log,
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`;
  log(`[hub] listening on ${url}`);
  // First pass raises whatever came due while the hub was down.
  slaScheduler = startSlaScheduler(ctx);

  const simulator =
    options.simulatePerMinute !== undefined && options.simulatePerMinute > 0
      ? startSimulator({
          perMinute: options.simulatePerMinute,
          deliverMeta: (body, signature) =>
            handleMetaWebhook(
              ctx,
              secrets,
              webhookRequest('/webhooks/meta', body, 'x-hub-signature-256', signature),
            ),
          deliverX: (body, signature) =>
            handleXWebhook(
              ctx,
              secrets,
              webhookRequest('/webhooks/x', body, 'x-twitter-webhooks-signature', signature),
            ),
          secrets,
          log,
        })
      : null;

  let closing: Promise<void> | null = null;
  return {
    url,
    port: address.port,
    dataDir: options.dataDir,
    secrets,
    headSeq: () => headSeq(db),
    close() {
      closing ??= (async () => {
        simulator?.stop();
        slaScheduler?.stop();
        slaScheduler = null;
        clearInterval(pruneTimer);
        await sync?.close();
        leases.stop();
        await deliveries.stop();
        await broadcasts.stop();
        await moderationWorker.stop();
        sync = null;
        await checkpoints.stop();
        db.close();
      })();
      return closing;
    },
  };
}

function webhookRequest(path: string, body: string, header: string, signature: string): HubRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', [header]: signature },
    body: Buffer.from(body),
  };
}
