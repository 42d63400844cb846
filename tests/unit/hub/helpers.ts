import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  changeBatchSchema,
  helloSchema,
  type ChangeBatch,
  type Hello,
  type OperationInput,
} from '../../../src/shared/protocol';
import type { Skill, Role } from '../../../src/shared/domain';
import type { HubContext } from '../../../src/hub/context';
import type { HubDb } from '../../../src/hub/db/connection';
import { startHub, type HubOptions, type RunningHub } from '../../../src/hub/server';
import { tempDirWithCleanup } from '../../support/files';
import { addUsers, loginToken, type UserSpecs } from '../../support/hub';
import { waitFor } from '../../support/wait';
import {
  metaCommentBody,
  metaDmBody,
  metaSignature,
  postMetaWebhook,
  postXWebhook,
  xDmBody,
  xSignature,
  type MetaDm,
} from '../../support/webhooks';

export const META_SECRET = 'meta-app-secret-for-tests';
export const X_SECRET = 'x-consumer-secret-for-tests';
export const VERIFY_TOKEN = 'verify-token-for-tests';
export const PASSWORD = 'correct horse battery';

export const tempDir = (): { dir: string; cleanup: () => void } => tempDirWithCleanup('desk-hub-');

export interface TestHub {
  readonly hub: RunningHub;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startTestHub(options: Partial<HubOptions> = {}, dir?: string): Promise<TestHub> {
  const tmp = dir === undefined ? tempDir() : null;
  const dataDir = dir ?? tmp?.dir ?? '';
  const hub = await startHub({
    dataDir,
    metaAppSecret: META_SECRET,
    xConsumerSecret: X_SECRET,
    metaVerifyToken: VERIFY_TOKEN,
    tokenSecret: 'token-secret-for-tests',
    ...options,
  });
  return {
    hub,
    dir: dataDir,
    async close() {
      await hub.close();
      tmp?.cleanup();
    },
  };
}

export async function createUser(
  dataDir: string,
  name: string,
  role: Role = 'operator',
  skills: Skill[] = [],
): Promise<string> {
  const ids = await addUsers(dataDir, { [name]: [role, skills] }, PASSWORD);
  return ids[name] ?? '';
}

export const loginAs = (hub: RunningHub, name: string, password = PASSWORD): Promise<string> =>
  loginToken(hub.url, name, password);

export const metaDmPayload = (args: MetaDm & { pageId?: string }): string =>
  metaDmBody([args], { pageId: args.pageId });

export const metaCommentPayload = (args: {
  fromId: string;
  commentId: string;
  text: string;
  time?: number;
  verb?: 'add' | 'edited' | 'remove';
}): string => metaCommentBody(args);

export const xDmPayload = xDmBody;

export const postMeta = (
  hub: RunningHub,
  body: string,
  signature: string | null = metaSignature(META_SECRET, body),
): Promise<Response> => postMetaWebhook(hub.url, body, signature);

export const postX = (
  hub: RunningHub,
  body: string,
  signature: string | null = xSignature(X_SECRET, body),
): Promise<Response> => postXWebhook(hub.url, body, signature);

/** Sends one inbound DM and returns nothing; use the console to find the conversation. */
export async function sendDm(
  hub: RunningHub,
  text: string,
  senderId = `user-${randomUUID()}`,
): Promise<void> {
  const response = await postMeta(hub, metaDmPayload({ senderId, mid: `m_${randomUUID()}`, text }));
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

/** A raw socket.io console: collects hello and every live batch. */
export interface RawConsole {
  readonly socket: Socket;
  readonly consoleId: string;
  readonly hello: Hello;
  readonly batches: ChangeBatch[];
  nextSeq(): number;
  submit(input: OperationInput, seenSeq?: number, opId?: string): Promise<unknown>;
  emitAck(event: string, payload: unknown): Promise<unknown>;
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): void;
}

export const waitUntil = <T>(predicate: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> =>
  waitFor(predicate, { timeoutMs, intervalMs: 10 });

export async function connectConsole(
  hub: RunningHub,
  token: string,
  options: { lastSeq?: number; consoleId?: string } = {},
): Promise<RawConsole> {
  const consoleId = options.consoleId ?? randomUUID();
  const socket = io(hub.url, {
    auth: { token, consoleId, lastSeq: options.lastSeq ?? 0 },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const batches: ChangeBatch[] = [];
  socket.on('sync:changes', (batch: unknown) => {
    batches.push(changeBatchSchema.parse(batch));
  });
  const hello = await new Promise<Hello>((resolve, reject) => {
    socket.once('hub:hello', (payload: unknown) => {
      resolve(helloSchema.parse(payload));
    });
    socket.once('connect_error', (error) => {
      reject(error);
    });
  });
  let consoleSeq = 0;
  const emitAck = (event: string, payload: unknown): Promise<unknown> =>
    socket.timeout(5000).emitWithAck(event, payload) as Promise<unknown>;
  return {
    socket,
    consoleId,
    hello,
    batches,
    nextSeq: () => ++consoleSeq,
    submit(input, seenSeq = hub.headSeq(), opId = randomUUID()) {
      consoleSeq += 1;
      return emitAck('op:submit', {
        opId,
        consoleId,
        consoleSeq,
        seenSeq,
        createdAt: Date.now(),
        ...input,
      });
    },
    emitAck,
    waitFor: waitUntil,
    close() {
      socket.disconnect();
    },
  };
}

/** Every change the console received so far, flattened. */
export const allChanges = (c: RawConsole): ChangeBatch['changes'] => c.batches.flatMap((b) => b.changes);

export interface DeskFixture extends TestHub {
  readonly ids: Readonly<Record<string, string>>;
}

/** A hub with users created before it starts: `{ name: [role, skills] }`. */
export async function startDesk(users: UserSpecs, options: Partial<HubOptions> = {}): Promise<DeskFixture> {
  const { dir, cleanup } = tempDir();
  const ids = await addUsers(dir, users, PASSWORD);
  const test = await startTestHub(options, dir);
  return {
    ...test,
    ids,
    async close() {
      await test.hub.close();
      cleanup();
    },
  };
}

export interface DeskPerTest {
  /** Starts this test's desk; it and every console opened on it close when the test ends. */
  readonly start: (users: UserSpecs, options?: Partial<HubOptions>) => Promise<DeskFixture>;
  /** The desk this test started; throws when none is running. */
  readonly current: () => DeskFixture;
  /** The desk this test started, or null. */
  readonly active: () => DeskFixture | null;
  /** Signs `name` in and opens a raw console on the current desk. */
  readonly open: (name: string) => Promise<RawConsole>;
  /** Closes a console opened some other way when the test ends. */
  readonly track: (console: RawConsole) => RawConsole;
}

/** One desk per test with its consoles, all closed after each test. Call at a file's top level. */
export function deskPerTest(): DeskPerTest {
  let desk: DeskFixture | null = null;
  const consoles: RawConsole[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) c.close();
    await desk?.close();
    desk = null;
  });
  const current = (): DeskFixture => {
    if (desk === null) throw new Error('no desk');
    return desk;
  };
  const track = (console: RawConsole): RawConsole => {
    consoles.push(console);
    return console;
  };
  return {
    start: async (users, options = {}) => {
      desk = await startDesk(users, options);
      return desk;
    },
    current,
    active: () => desk,
    open: async (name) => {
      const hub = current().hub;
      return track(await connectConsole(hub, await loginAs(hub, name)));
    },
    track,
  };
}

/**
 * A hub context over an open database with no server around it, for calling the hub's
 * functions directly: commits are plain transactions and nobody is online.
 */
export function contextOver(db: HubDb, now: () => number): HubContext {
  const ctx: HubContext = {
    db,
    now,
    log: () => undefined,
    leaseGraceMs: 60_000,
    isOnline: () => false,
    commit: <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn)()),
    commitGrouped: <T>(fn: () => T): Promise<T> => Promise.resolve().then(() => ctx.commit(fn)),
  };
  return ctx;
}
