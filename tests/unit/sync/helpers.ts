import { randomUUID } from 'node:crypto';
import {
  createConsoleEngine,
  type ConsoleEngine,
  type ConsoleEngineOptions,
} from '../../../src/engine/engine';
import { createHandlerTable } from '../../../src/engine/handlers';
import { startHub, type HubOptions, type RunningHub } from '../../../src/hub/server';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src/shared/ipc/contract';
import { createDispatcher } from '../../../src/shared/ipc/dispatch';
import type { EventName, EventPayload } from '../../../src/shared/ipc/events';
import { ROOT, TSX_ARGS, spawnHub, type ChildHub } from '../../support/child-hub';
import { makeTempDir } from '../../support/files';
import { addUsers as addSharedUsers, hubRows, type UserSpecs } from '../../support/hub';
import { freePort } from '../../support/net';
import { waitFor } from '../../support/wait';
import { metaDmBody as metaDmBodyFor, postSignedMeta, type MetaDm } from '../../support/webhooks';
import {
  engineConfirmedState as confirmedStateOf,
  type EntityState,
} from '../../../src/tools/chaos/state-hash';

export const META_SECRET = 'meta-app-secret-for-engine-tests';
export const TOKEN_SECRET = 'token-secret-for-engine-tests-0123456789';
export const PASSWORD = 'correct horse battery staple';
export { ROOT, TSX_ARGS, freePort };

export const tempDir = makeTempDir;

export const waitUntil = <T>(
  predicate: () => T | undefined | null | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> => waitFor(predicate, { what, timeoutMs, intervalMs: 20 });

export const addUsers = (dataDir: string, users: UserSpecs): Promise<Record<string, string>> =>
  addSharedUsers(dataDir, users, PASSWORD);

export interface Desk {
  readonly hub: RunningHub;
  readonly dir: string;
  readonly ids: Record<string, string>;
}

/** A real hub in this process, with users created before it starts. */
export async function startDesk(users: UserSpecs, options: Partial<HubOptions> = {}): Promise<Desk> {
  const dir = tempDir('desk-sync-hub-');
  const ids = await addUsers(dir, users);
  const hub = await startHub({
    dataDir: dir,
    metaAppSecret: META_SECRET,
    tokenSecret: TOKEN_SECRET,
    ...options,
  });
  return { hub, dir, ids };
}

/** A Meta Messenger delivery as documented: one page entry per message. */
export const metaDmBody = (messages: readonly MetaDm[]): string => metaDmBodyFor(messages);

export const postMeta = (hubUrl: string, body: string, secret = META_SECRET): Promise<number> =>
  postSignedMeta(hubUrl, body, secret);

export async function sendDm(hubUrl: string, text: string): Promise<void> {
  const status = await postMeta(
    hubUrl,
    metaDmBody([{ senderId: `user-${randomUUID()}`, mid: `m_${randomUUID()}`, text }]),
  );
  if (status !== 200) throw new Error(`webhook answered ${String(status)}`);
}

export class DeskCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface Recorded {
  readonly event: EventName;
  readonly payload: unknown;
}

export interface TestConsole {
  readonly engine: ConsoleEngine;
  readonly dataDir: string;
  readonly events: Recorded[];
  call<C extends ChannelName>(
    channel: C,
    ...input: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
  ): Promise<ChannelOutput<C>>;
  eventsOf<E extends EventName>(event: E): EventPayload<E>[];
  close(): Promise<void>;
}

const SENDER = { url: 'app://desk/index.html', isMainFrame: true };

/** A real engine behind the real handler table and dispatcher, as the shells use it. */
export function openConsole(
  dataDir = tempDir('desk-sync-console-'),
  options: Partial<ConsoleEngineOptions> = {},
): TestConsole {
  const events: Recorded[] = [];
  const engine = createConsoleEngine({
    dataDir,
    emit: (event, payload) => {
      events.push({ event, payload });
    },
    sync: { ackTimeoutMs: 5_000 },
    ...options,
  });
  const dispatch = createDispatcher(
    createHandlerTable({
      info: {
        name: 'Social Desk',
        version: '0.0.0-test',
        build: 'test',
        shell: 'browser',
        platform: 'linux',
      },
      now: () => Date.now(),
      engine,
    }),
    { isTrustedSender: () => true },
  );
  return {
    engine,
    dataDir,
    events,
    async call(channel, ...input) {
      const result = await dispatch(channel, input[0], SENDER);
      if (!result.ok) throw new DeskCallError(result.error.code, result.error.message);
      return result.value as never;
    },
    eventsOf: <E extends EventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    close: () => engine.close(),
  };
}

export async function signedInConsole(
  hubUrl: string,
  name: string,
  dataDir?: string,
  options: Partial<ConsoleEngineOptions> = {},
): Promise<TestConsole> {
  const desk = openConsole(dataDir, options);
  await desk.call('session.signIn', { hubUrl, name, password: PASSWORD });
  await waitUntil(() => desk.engine.connectionState().status === 'online', `${name} online`);
  return desk;
}

export const outboxSize = (c: TestConsole): number =>
  (c.engine.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

/** Online, with every action acknowledged and its effect confirmed. */
export const waitDrained = (c: TestConsole, what: string, timeoutMs?: number): Promise<true> =>
  waitUntil(() => c.engine.connectionState().status === 'online' && outboxSize(c) === 0, what, timeoutMs);

/** The conversation whose messages contain this word, once the console has it. */
export const waitForConversation = (desk: TestConsole, word: string, timeoutMs = 20_000): Promise<string> =>
  waitFor(
    async () => {
      const list = await desk.call('conversations.list', { filter: { search: word }, offset: 0, limit: 5 });
      return list.rows[0]?.conversation.id;
    },
    { what: `a conversation with "${word}"`, timeoutMs, intervalMs: 25 },
  );

/** Everything the hub audited about operations, read from its SQLite file. */
export function auditedOps(hubDir: string): { opId: string; action: string; outcome: string }[] {
  const rows = hubRows<{ action: string; detail: string }>(
    hubDir,
    `SELECT action, detail FROM audit WHERE action LIKE 'op.%' ORDER BY id`,
  );
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { opId: string; outcome: string };
    return { opId: detail.opId, action: r.action, outcome: detail.outcome };
  });
}

/** Counts how often each value occurs. */
export const tally = (values: readonly string[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
};

// The chaos run's own hashing and state reads, so the tests and the tool compare caches the
// same way.
export { hashRows, hubVisibleState, stateHashes } from '../../../src/tools/chaos/state-hash';

export type { ChildHub };

/**
 * The hub as its own process (`hub serve`), so a test can SIGKILL it. `env` adds settings,
 * e.g. a fake Graph API to send replies to.
 */
export const startChildHub = (
  dir: string,
  port: number,
  env: Readonly<Record<string, string>> = {},
): Promise<ChildHub> =>
  spawnHub(dir, port, {
    DESK_META_APP_SECRET: META_SECRET,
    DESK_X_CONSUMER_SECRET: 'x-secret',
    DESK_TOKEN_SECRET: TOKEN_SECRET,
    ...env,
  });

/** The engine's confirmed cache (what the hub told it), as the chaos tool reads it. */
export const engineConfirmedState = (engine: ConsoleEngine): EntityState => confirmedStateOf(engine.db);

/** Every audit row's action and subject, in order, read from the hub's SQLite file. */
export const auditTrail = (
  hubDir: string,
): { action: string; subjectId: string | null; actorId: string | null }[] =>
  hubRows(hubDir, 'SELECT action, subject_id AS subjectId, actor_id AS actorId FROM audit ORDER BY id');
