import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { helloSchema } from '../../../src/shared/protocol';
import { hubDbPath } from '../../../src/hub/db/connection';
import { createUser, loginAs, PASSWORD, startTestHub, tempDir, waitUntil, type TestHub } from './helpers';
import { selfSignedCert } from '../../support/tls';

let running: TestHub | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await running?.close();
  running = null;
  for (const c of cleanups.splice(0)) c();
});

function httpsJson(url: string, ca: Buffer, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('TLS', () => {
  it('serves HTTPS and WSS with the given certificate; a client trusting it connects', async () => {
    const certs = tempDir();
    cleanups.push(certs.cleanup);
    const { cert, key } = selfSignedCert(certs.dir);
    const data = tempDir();
    cleanups.push(data.cleanup);
    await createUser(data.dir, 'alice');
    running = await startTestHub({ tls: { certFile: cert, keyFile: key } }, data.dir);
    expect(running.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const ca = readFileSync(cert);

    const login = (await httpsJson(`${running.hub.url}/api/login`, ca, {
      name: 'alice',
      password: PASSWORD,
    })) as { ok: boolean; token: string };
    expect(login.ok).toBe(true);

    // Without trusting the certificate the request fails.
    await expect(fetch(`${running.hub.url}/healthz`)).rejects.toThrow();

    const socket = io(running.hub.url, {
      auth: { token: login.token, consoleId: crypto.randomUUID(), lastSeq: 0 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      // socket.io-client passes these TLS options to the underlying WebSocket.
      ca: ca.toString('utf8'),
    });
    const hello = await new Promise((resolve, reject) => {
      socket.once('hub:hello', resolve);
      socket.once('connect_error', reject);
    });
    socket.close();
    expect(helloSchema.parse(hello).operator.name).toBe('alice');
  });
});

describe('simulator', () => {
  it('feeds signed English and Welsh traffic through the webhook path', async () => {
    const data = tempDir();
    cleanups.push(data.cleanup);
    await createUser(data.dir, 'alice');
    running = await startTestHub(
      { simulatePerMinute: 6000, metaAppSecret: 'sim-meta', xConsumerSecret: 'sim-x' },
      data.dir,
    );
    await loginAs(running.hub, 'alice');
    const count = (): number => {
      const db = new Database(hubDbPath(data.dir), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    await waitUntil(() => count() >= 20, 10_000);
    const db = new Database(hubDbPath(data.dir), { readonly: true });
    const receipts = db.prepare('SELECT COUNT(*) AS n FROM webhook_receipts').get() as { n: number };
    const queues = db.prepare('SELECT COUNT(DISTINCT queue_id) AS n FROM conversations').get() as {
      n: number;
    };
    db.close();
    // Every simulated message went through webhook dedupe and routing like a real one.
    expect(receipts.n).toBeGreaterThanOrEqual(20);
    expect(queues.n).toBeGreaterThan(1);
  });
});
