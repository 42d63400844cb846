import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../src/hub/db/connection';
import { startTestHub, createUser, loginAs, tempDir } from './helpers';

const TSX = 'node_modules/.bin/tsx';
const CLI = 'src/hub/cli.ts';

function hub(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(TSX, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: input ?? '',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A data dir whose audit log has several rows: user adds and logins. */
async function auditedDataDir(): Promise<string> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  await createUser(dir, 'alice');
  await createUser(dir, 'bob');
  const running = await startTestHub({}, dir);
  await loginAs(running.hub, 'alice');
  await loginAs(running.hub, 'bob');
  await running.hub.close();
  return dir;
}

function tamper(dir: string, sql: string): void {
  const db = new Database(hubDbPath(dir));
  // Someone with the file can drop the triggers; the hash chain still gives them away.
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.exec(sql);
  db.close();
}

describe('hub CLI', () => {
  it('audit verify passes on an intact log, and reports an edited row with a non-zero exit', async () => {
    const dir = await auditedDataDir();
    const ok = hub(['audit', 'verify', '--data', dir]);
    expect(ok.stdout).toMatch(/audit log intact: 4 rows/);
    expect(ok.status).toBe(0);
    tamper(dir, 'UPDATE audit SET detail = \'{"name":"mallory"}\' WHERE id = 3');
    const broken = hub(['audit', 'verify', '--data', dir]);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toMatch(/row 3/);
    expect(broken.stderr).toMatch(/altered/);
  });

  it('audit verify reports a deleted row, in the middle or at the end', async () => {
    const dir = await auditedDataDir();
    tamper(dir, 'DELETE FROM audit WHERE id = 2');
    const middle = hub(['audit', 'verify', '--data', dir]);
    expect(middle.status).not.toBe(0);
    expect(middle.stderr).toMatch(/row 2 is missing/);

    const dir2 = await auditedDataDir();
    tamper(dir2, 'DELETE FROM audit WHERE id = 4');
    const tail = hub(['audit', 'verify', '--data', dir2]);
    expect(tail.status).not.toBe(0);
    expect(tail.stderr).toMatch(/row 4 is missing/);
  });

  it('audit export writes CSV for a time window', async () => {
    const dir = await auditedDataDir();
    const all = hub(['audit', 'export', '--data', dir]);
    expect(all.status).toBe(0);
    const lines = all.stdout.trim().split(/\r\n/);
    expect(lines[0]).toBe('id,at,actor_id,actor_name,action,subject_id,detail,prev_hash,hash');
    expect(lines).toHaveLength(5);
    expect(all.stdout).toContain('login.success');
    const none = hub(['audit', 'export', '--data', dir, '--until', '2000-01-01T00:00:00Z']);
    expect(none.stdout.trim().split(/\r\n/)).toHaveLength(1);
  });

  it('user add takes the password from DESK_PASSWORD and the user can log in', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const added = hub(
      ['user', 'add', '--name', 'carys', '--role', 'lead', '--welsh', '--cleared', '--data', dir],
      {
        DESK_PASSWORD: 'a long password',
      },
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/added lead carys/);
    const running = await startTestHub({}, dir);
    try {
      const response = await fetch(`${running.hub.url}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ name: 'carys', password: 'a long password' }),
      });
      expect(await response.json()).toMatchObject({
        ok: true,
        operator: { role: 'lead', skills: ['welsh', 'confidential'] },
      });
    } finally {
      await running.hub.close();
    }
  });

  it('user list, set, disable, enable, sign-out and password manage accounts on a data dir', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    await createUser(dir, 'alice');
    await createUser(dir, 'lena', 'lead', ['welsh']);

    const list = hub(['user', 'list', '--data', dir]);
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      'alice\toperator\t-\tcapacity 8\tactive\t0 live sessions',
      'lena\tlead\twelsh\tcapacity 8\tactive\t0 live sessions',
    ]);

    const set = hub(['user', 'set', '--name', 'alice', '--cleared', 'yes', '--capacity', '5', '--data', dir]);
    expect(set.stdout).toBe('alice: operator, confidential, capacity 5; 0 sessions ended\n');
    expect(set.status).toBe(0);
    const running = await startTestHub({}, dir);
    try {
      await loginAs(running.hub, 'alice');
    } finally {
      await running.hub.close();
    }

    expect(hub(['user', 'list', '--data', dir]).stdout).toMatch(
      /^alice\toperator\tconfidential\tcapacity 5\tactive\t1 live session$/m,
    );
    expect(hub(['user', 'disable', '--name', 'alice', '--data', dir]).stdout).toBe(
      'disabled alice; 1 session ended\n',
    );
    expect(hub(['user', 'list', '--data', dir]).stdout).toMatch(
      /^alice\t.*\tdisabled \d{4}-\d\d-\d\dT[\d:]+Z\t0 live sessions$/m,
    );
    const again = hub(['user', 'disable', '--name', 'alice', '--data', dir]);
    expect(again.stderr).toBe('hub: alice is already disabled\n');
    expect(again.status).toBe(1);
    expect(hub(['user', 'enable', '--name', 'alice', '--data', dir]).stdout).toBe('enabled alice\n');
    expect(hub(['user', 'sign-out', '--name', 'lena', '--data', dir]).stdout).toBe(
      'lena: 0 sessions ended\n',
    );
    const password = hub(['user', 'password', '--name', 'lena', '--data', dir], {
      DESK_PASSWORD: 'another long password',
    });
    expect(password.stdout).toBe('new password set for lena; 0 sessions ended\n');

    const nobody = hub(['user', 'disable', '--name', 'nobody', '--data', dir]);
    expect(nobody.stderr).toBe('hub: no user named nobody\n');
    expect(nobody.status).toBe(1);
    const nothing = hub(['user', 'set', '--name', 'alice', '--data', dir]);
    expect(nothing.stderr).toMatch(/^hub: nothing to change/);
    expect(nothing.status).toBe(2);
    const maybe = hub(['user', 'set', '--name', 'alice', '--cleared', 'maybe', '--data', dir]);
    expect(maybe.stderr).toBe('hub: --cleared: must be yes or no\n');
    expect(maybe.status).toBe(2);
  });

  it('answers bad flags and bad values with one line on stderr and a non-zero exit', () => {
    const cases = [
      ['serve', '--bogus'],
      ['serve', '--port', 'eighty'],
      ['serve', '--tls-cert', 'only-cert.pem'],
      ['user', 'add', '--name', 'x', '--role', 'chief'],
      ['user', 'remove'],
      ['audit', 'verify', '--data', '/nonexistent/dir'],
      ['audit', 'export', '--since', 'yesterday'],
      ['launch-rockets'],
    ];
    for (const args of cases) {
      const result = hub(args, { DESK_PASSWORD: 'a long password' });
      expect(result.status, args.join(' ')).not.toBe(0);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^hub: /);
    }
  });
});
