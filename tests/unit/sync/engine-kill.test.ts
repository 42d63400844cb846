import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../../src/engine/db/open';
import {
  ROOT,
  TSX_ARGS,
  auditedOps,
  openConsole,
  sendDm,
  signedInConsole,
  startDesk,
  tally,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
} from './helpers';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'] });
});
afterAll(async () => {
  await desk.hub.close();
});

interface EngineChild {
  send(command: unknown): Promise<unknown>;
  kill(): Promise<void>;
}

async function startEngineChild(dataDir: string): Promise<EngineChild> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [...TSX_ARGS, join(ROOT, 'tests/unit/sync/fixtures/engine-child.ts')],
    { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' },
  );
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const answers: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const value: unknown = JSON.parse(line);
    const next = waiting.shift();
    if (next) next(value);
    else answers.push(value);
  });
  const nextAnswer = (): Promise<unknown> =>
    answers.length > 0 ? Promise.resolve(answers.shift()) : new Promise((resolve) => waiting.push(resolve));
  await nextAnswer(); // ready
  return {
    send(command) {
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return nextAnswer();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const outboxRows = (dataDir: string): number => {
  const db = new Database(join(dataDir, CACHE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('an engine killed with SIGKILL', () => {
  it('replays the actions in its outbox after restart, each applied exactly once', async () => {
    const first = await signedInConsole(desk.hub.url, 'alice');
    await sendDm(desk.hub.url, 'Please ring me about the burglary, okapi');
    const id = await waitForConversation(first, 'okapi');
    const dataDir = first.dataDir;
    await first.close();

    const notes = Array.from({ length: 30 }, (_, i) => ({
      type: 'note' as const,
      conversationId: id,
      body: `note ${String(i)}`,
    }));
    const inputs = [{ type: 'claim' as const, conversationId: id }, ...notes];

    // 1. Killed while offline: everything is still in the outbox.
    const offline = await startEngineChild(dataDir);
    await offline.send({ cmd: 'disconnect' });
    const { opIds } = (await offline.send({ cmd: 'submit-many', inputs })) as { opIds: string[] };
    expect(opIds).toHaveLength(31);
    await offline.kill();
    expect(outboxRows(dataDir)).toBe(31);

    // 2. Restarted, and killed again mid-replay, after the hub took some of them.
    const replaying = await startEngineChild(dataDir);
    await waitUntil(
      () => auditedOps(desk.dir).filter((a) => opIds.includes(a.opId)).length >= 3,
      'replay under way',
    );
    await replaying.kill();

    // 3. Restarted in this process: it drains the rest.
    const last = openConsole(dataDir);
    try {
      await waitDrained(last, 'outbox empty after restart');
      const counts = tally(auditedOps(desk.dir).map((a) => a.opId));
      expect(opIds.map((opId) => counts.get(opId))).toEqual(opIds.map(() => 1));
      const thread = last.engine.getConversation(id);
      const bodies = thread.messages.filter((m) => m.direction === 'note').map((m) => m.body);
      expect(bodies.sort()).toEqual(notes.map((n) => n.body).sort());
      expect(thread.messages.every((m) => !m.pending)).toBe(true);
      expect(thread.conversation.assigneeId).toBe(desk.ids['alice']);
    } finally {
      await last.close();
    }
  });
});
