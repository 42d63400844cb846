import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubOptions, RunningHub } from '../../hub/server';
import { startHub } from '../../hub/server';
import { addUser } from '../../hub/users';
import { postLogin } from '../../engine/session/login';
import type { Operator } from '../../shared/domain/entities';
import { createSignedPoster, META_SECRET, signDelivery } from './signed-post';

export const PASSWORD = 'bench-password-123';
const TOKEN_SECRET = 'bench-token-secret-0123456789abcdef';

const madeDirs: string[] = [];

/** A fresh directory under the system temp dir, removed by {@link removeTempDirs}. */
export const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
};

/**
 * Removes every directory `tempDir` made so far. The bench calls it after each section:
 * a full run writes gigabytes (a million-message cache, hundreds of consoles), which must
 * neither pile up in /tmp nor still be flushing to disk while the next section measures.
 */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const nowMs = (): number => performance.timeOrigin + performance.now();

export interface BenchDesk {
  readonly hub: RunningHub;
  readonly dir: string;
  close(): Promise<void>;
}

/** A real hub in this process with one operator (`bench`, cleared for everything). */
export async function startBenchHub(options: Partial<HubOptions> = {}): Promise<BenchDesk> {
  const dir = tempDir('desk-bench-hub-');
  await addUser(dir, { name: 'bench', role: 'lead', password: PASSWORD, skills: ['confidential', 'welsh'] });
  const hub = await startHub({
    dataDir: dir,
    metaAppSecret: META_SECRET,
    tokenSecret: TOKEN_SECRET,
    ...options,
  });
  return { hub, dir, close: () => hub.close() };
}

export interface Session {
  readonly token: string;
  readonly expiresAt: number;
  readonly operator: Operator;
}

export async function login(hubUrl: string): Promise<Session> {
  const answer = await postLogin({ hubUrl, ca: undefined }, { name: 'bench', password: PASSWORD });
  if (!answer.ok) throw new Error(`bench login failed: ${answer.message}`);
  return { token: answer.token, expiresAt: answer.expiresAt, operator: answer.operator };
}

/** A documented Messenger delivery with one message per entry. */
export function dmBody(messages: readonly { senderId: string; text: string }[]): string {
  const time = Date.now();
  return JSON.stringify({
    object: 'page',
    entry: messages.map((m) => ({
      id: 'PAGE1',
      time,
      messaging: [
        {
          sender: { id: m.senderId },
          recipient: { id: 'PAGE1' },
          timestamp: time,
          message: { mid: `m_${randomUUID()}`, text: m.text },
        },
      ],
    })),
  });
}

/** One signed delivery, posted as the bench's senders post theirs; rejects unless answered 200. */
export async function postSigned(hubUrl: string, body: string): Promise<void> {
  const poster = createSignedPoster(hubUrl, 1);
  try {
    await poster.post(signDelivery(body));
  } finally {
    poster.close();
  }
}

/** Many people writing in, `perDelivery` messages per signed delivery. */
export async function flood(hubUrl: string, count: number, perDelivery = 800): Promise<void> {
  for (let sent = 0; sent < count; sent += perDelivery) {
    const n = Math.min(perDelivery, count - sent);
    await postSigned(
      hubUrl,
      dmBody(
        Array.from({ length: n }, (_, i) => ({
          senderId: `flood-${randomUUID()}`,
          text: `Report number ${String(sent + i)}: my bike was stolen from outside the station`,
        })),
      ),
    );
  }
}
