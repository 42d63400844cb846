import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  changeBatchSchema,
  helloSchema,
  loginResponseSchema,
  type ChangeBatch,
  type Hello,
  type OperationInput,
} from '../../../src/shared/protocol';
import type { Skill, Role } from '../../../src/shared/domain';
import { startHub, type HubOptions, type RunningHub } from '../../../src/hub/server';
import { addUser } from '../../../src/hub/users';
import { metaSignature, xSignature } from '../../../src/hub/webhooks/signatures';

export const META_SECRET = 'meta-app-secret-for-tests';
export const X_SECRET = 'x-consumer-secret-for-tests';
export const VERIFY_TOKEN = 'verify-token-for-tests';
export const PASSWORD = 'correct horse battery';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-hub-'));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
  const op = await addUser(dataDir, { name, role, password: PASSWORD, skills });
  return op.id;
}

export async function loginAs(hub: RunningHub, name: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = loginResponseSchema.parse(await response.json());
  if (!body.ok) throw new Error(`login failed: ${body.error}`);
  return body.token;
}

export function metaDmPayload(args: {
  senderId: string;
  mid: string;
  text: string;
  pageId?: string;
}): string {
  const pageId = args.pageId ?? 'PAGE1';
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time: 1700000000000,
        messaging: [
          {
            sender: { id: args.senderId },
            recipient: { id: pageId },
            timestamp: 1700000000000,
            message: { mid: args.mid, text: args.text },
          },
        ],
      },
    ],
  });
}

export function metaCommentPayload(args: { fromId: string; commentId: string; text: string }): string {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: 'PAGE1',
        time: 1700000000,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'comment',
              verb: 'add',
              comment_id: args.commentId,
              post_id: 'PAGE1_POST1',
              from: { id: args.fromId, name: 'Member of Public' },
              message: args.text,
              created_time: 1700000000,
            },
          },
        ],
      },
    ],
  });
}

export function xDmPayload(args: { senderId: string; id: string; text: string }): string {
  return JSON.stringify({
    for_user_id: 'FORCE_X',
    direct_message_events: [
      {
        type: 'message_create',
        id: args.id,
        created_timestamp: '1700000000000',
        message_create: {
          target: { recipient_id: 'FORCE_X' },
          sender_id: args.senderId,
          message_data: { text: args.text },
        },
      },
    ],
    users: { [args.senderId]: { id: args.senderId, name: 'X Person', screen_name: 'xperson' } },
  });
}

export async function postMeta(
  hub: RunningHub,
  body: string,
  signature: string | null = metaSignature(META_SECRET, body),
): Promise<Response> {
  return fetch(`${hub.url}/webhooks/meta`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    },
    body,
  });
}

export async function postX(
  hub: RunningHub,
  body: string,
  signature: string | null = xSignature(X_SECRET, body),
): Promise<Response> {
  return fetch(`${hub.url}/webhooks/x`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-twitter-webhooks-signature': signature }),
    },
    body,
  });
}

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

export async function waitUntil<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs = 5000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = predicate();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

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
export async function startDesk(
  users: Readonly<Record<string, readonly [Role, Skill[]?]>>,
  options: Partial<HubOptions> = {},
): Promise<DeskFixture> {
  const { dir, cleanup } = tempDir();
  const ids: Record<string, string> = {};
  for (const [name, [role, skills]] of Object.entries(users)) {
    ids[name] = await createUser(dir, name, role, skills ?? []);
  }
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
