import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loginResponseSchema } from '../../../src/shared/protocol';
import { DEFAULT_LOGIN_POLICY, login } from '../../../src/hub/auth/login';
import { hubDbPath, openHubDb } from '../../../src/hub/db/connection';
import { disableUser } from '../../../src/hub/user-accounts';
import { addUser } from '../../../src/hub/users';
import { connectConsole, contextOver, PASSWORD, startDesk, tempDir, type DeskFixture } from './helpers';

let desk: DeskFixture | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function attempt(
  name: string,
  password: string,
): Promise<{ status: number; body: ReturnType<typeof loginResponseSchema.parse> }> {
  if (desk === null) throw new Error('no desk');
  const response = await fetch(`${desk.hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return { status: response.status, body: loginResponseSchema.parse(await response.json()) };
}

function auditActions(): string[] {
  if (desk === null) throw new Error('no desk');
  const db = new Database(hubDbPath(desk.dir), { readonly: true });
  try {
    return (db.prepare('SELECT action FROM audit ORDER BY id').all() as { action: string }[]).map(
      (r) => r.action,
    );
  } finally {
    db.close();
  }
}

describe('login', () => {
  it('returns an expiring signed token that opens a socket, and audits it', async () => {
    desk = await startDesk({ alice: ['operator', ['welsh']] });
    const { status, body } = await attempt('alice', PASSWORD);
    expect(status).toBe(200);
    if (!body.ok) throw new Error('login refused');
    expect(body.operator).toMatchObject({ name: 'alice', role: 'operator', skills: ['welsh'] });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect(body.token.split('.')).toHaveLength(3);
    const console = await connectConsole(desk.hub, body.token);
    expect(console.hello.operator.id).toBe(desk.ids.alice);
    console.close();
    expect(auditActions()).toContain('login.success');
  });

  it('refuses a bad password and an unknown name alike, and a malformed request with 400', async () => {
    desk = await startDesk({ alice: ['operator'] });
    const bad = await attempt('alice', 'wrong password');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ ok: false, error: 'bad-credentials' });
    const unknown = await attempt('nobody', 'whatever');
    expect(unknown.body).toMatchObject({ ok: false, error: 'bad-credentials' });
    const malformed = await fetch(`${desk.hub.url}/api/login`, { method: 'POST', body: '{"name": 5}' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: 'invalid-request' });
    expect(auditActions().filter((a) => a === 'login.failure')).toHaveLength(2);
  });

  it('locks a name after repeated failures, even for the right password, and says for how long', async () => {
    desk = await startDesk(
      { alice: ['operator'], bob: ['operator'] },
      { loginPolicy: { lockAfter: 3, slowStepMs: 5, lockMs: 60_000 } },
    );
    expect((await attempt('alice', 'nope-1')).body).toMatchObject({ error: 'bad-credentials' });
    expect((await attempt('alice', 'nope-2')).body).toMatchObject({ error: 'bad-credentials' });
    const third = await attempt('alice', 'nope-3');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ ok: false, error: 'locked', retryAfterMs: 60_000 });
    const right = await attempt('alice', PASSWORD);
    expect(right.body.ok).toBe(false);
    if (right.body.ok) throw new Error('unreachable');
    expect(right.body.error).toBe('locked');
    expect(right.body.retryAfterMs).toBeGreaterThan(0);
    // Another name is unaffected.
    expect((await attempt('bob', PASSWORD)).body.ok).toBe(true);
    expect(auditActions()).toContain('login.locked');
  });

  it('counts guesses sent in parallel one by one, so a burst of them locks the name too', async () => {
    desk = await startDesk({ alice: ['operator'] }, { loginPolicy: { lockAfter: 5, slowStepMs: 1 } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt('alice', `guess-${String(i)}`)),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect((await attempt('alice', PASSWORD)).body).toMatchObject({ ok: false, error: 'locked' });
  });
});

describe('an account changed while a sign-in checks the password', () => {
  it('refuses that sign-in, so no session outlives the change', async () => {
    const { dir, cleanup } = tempDir();
    const db = openHubDb(dir);
    try {
      await addUser(db, { name: 'alice', role: 'operator', password: PASSWORD });
      const ctx = contextOver(db, () => Date.now());
      const secret = new TextEncoder().encode('login-race-secret-0123456789');
      // The account is read, then the password check awaits: the administrator acts then.
      const pending = login(ctx, secret, DEFAULT_LOGIN_POLICY, { name: 'alice', password: PASSWORD });
      disableUser(db, 'alice');
      expect(await pending).toMatchObject({ ok: false, error: 'bad-credentials' });
      expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    } finally {
      db.close();
      cleanup();
    }
  });
});
