import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserShell, type BrowserShell } from '../../../src/browser-shell/server';
import { createConsoleEngine, type ConsoleEngine } from '../../../src/engine/engine';
import { createHandlerTable } from '../../../src/engine/handlers';

let shell: BrowserShell;
let engine: ConsoleEngine;

beforeEach(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'desk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Social Desk</title>');
  engine = createConsoleEngine({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-engine-')),
    emit: () => undefined,
  });
  shell = await startBrowserShell({
    rendererDir,
    handlers: createHandlerTable({
      engine,
      info: {
        name: 'Social Desk',
        version: '0.0.0-test',
        build: 'test',
        shell: 'browser',
        platform: 'linux',
      },
      now: () => 5,
    }),
  });
});

afterEach(async () => {
  await shell.close();
  await engine.close();
});

/** Resolves with the HTTP status of a refused upgrade, or 101 when it opens. */
function tryConnect(url: string, origin?: string): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => {
      resolve({ status: 101, ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
    });
    ws.once('error', () => {
      resolve({ status: -1 });
    });
  });
}

const bridgeUrl = (token?: string): string =>
  `ws://127.0.0.1:${shell.port}/bridge${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

describe('browser shell', () => {
  it('puts the launch token in the URL fragment, never in the path or query', () => {
    const url = new URL(shell.url);
    expect(url.hash).toBe(`#token=${shell.token}`);
    expect(url.search).toBe('');
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${shell.origin}/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a WebSocket without the token', async () => {
    const { status } = await tryConnect(bridgeUrl(), shell.origin);
    expect(status).toBe(401);
  });

  it('refuses a WebSocket with a wrong token of the right length', async () => {
    const wrong = shell.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const { status } = await tryConnect(bridgeUrl(wrong), shell.origin);
    expect(status).toBe(401);
  });

  it('refuses an upgrade whose target is no URL at all, and keeps serving', async () => {
    const { status } = await tryConnect(`ws://127.0.0.1:${String(shell.port)}//`, shell.origin);
    expect(status).toBe(404);
    expect((await fetch(`${shell.origin}/index.html`)).status).toBe(200);
  });

  it('refuses the right token from another origin', async () => {
    const { status } = await tryConnect(bridgeUrl(shell.token), 'http://evil.example');
    expect(status).toBe(403);
  });

  it('round-trips a call through the real handler table with the token', async () => {
    const { status, ws } = await tryConnect(bridgeUrl(shell.token), shell.origin);
    expect(status).toBe(101);
    if (!ws) throw new Error('no socket');
    const reply = new Promise<unknown>((resolve) => {
      ws.once('message', (data: Buffer) => {
        resolve(JSON.parse(data.toString('utf8')));
      });
    });
    ws.send(JSON.stringify({ id: 7, channel: 'app.ping', input: { text: 'over the bridge' } }));
    expect(await reply).toEqual({
      kind: 'result',
      id: 7,
      result: { ok: true, value: { text: 'over the bridge', handledAt: 5 } },
    });
    const invalid = new Promise<unknown>((resolve) => {
      ws.once('message', (data: Buffer) => {
        resolve(JSON.parse(data.toString('utf8')));
      });
    });
    ws.send(JSON.stringify({ id: 8, channel: 'app.ping', input: { text: null } }));
    expect(await invalid).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'invalid-arguments' } },
    });
    const malformed = new Promise<unknown>((resolve) => {
      ws.once('message', (data: Buffer) => {
        resolve(JSON.parse(data.toString('utf8')));
      });
    });
    // A frame with an id but no channel is answered, not left hanging.
    ws.send(JSON.stringify({ id: 9, input: {} }));
    expect(await malformed).toMatchObject({
      id: 9,
      result: { ok: false, error: { code: 'invalid-arguments' } },
    });
    ws.close();
  });
});
