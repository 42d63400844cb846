import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleEngine } from '../../../../src/engine/engine';
import { createHandlerTable } from '../../../../src/engine/handlers';
import type { DesktopNotification } from '../../../../src/shared/ipc/channels/app';
import { createDispatcher, type SenderInfo } from '../../../../src/shared/ipc/dispatch';

const OWN: SenderInfo = { url: 'app://desk/index.html', isMainFrame: true };

// The real engine behind the real handler table: its own SQLite file in a temp dir.
const engine = createConsoleEngine({
  dataDir: mkdtempSync(join(tmpdir(), 'desk-ipc-')),
  emit: () => undefined,
});
afterAll(async () => {
  await engine.close();
});

function dispatcher(notify?: (n: DesktopNotification) => boolean) {
  const handlers = createHandlerTable({
    engine,
    info: { name: 'Social Desk', version: '0.0.0-test', build: 'test', shell: 'browser', platform: 'linux' },
    now: () => 1_700_000_000_000,
    ...(notify === undefined ? {} : { notify }),
  });
  return createDispatcher(handlers, {
    isTrustedSender: (sender) => sender.isMainFrame && sender.url.startsWith('app://desk/'),
  });
}

describe('IPC dispatcher over the real handler table', () => {
  it('runs a valid call through the handler and returns ok with the value', async () => {
    const result = await dispatcher()('app.ping', { text: 'hello desk' }, OWN);
    expect(result).toEqual({ ok: true, value: { text: 'hello desk', handledAt: 1_700_000_000_000 } });
  });

  it('hands the window’s notification to the shell, and says when the shell has none', async () => {
    const shown: DesktopNotification[] = [];
    const native = dispatcher((n) => {
      shown.push(n);
      return true;
    });
    const notification = { title: 'Gwaith newydd i chi', body: 'Mae sgwrs wedi’i rhoi i chi.' };
    expect(await native('app.notify', notification, OWN)).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([notification]);
    // The browser shell has no native notifications: the window shows the page's own.
    expect(await dispatcher()('app.notify', notification, OWN)).toEqual({
      ok: true,
      value: { shown: false },
    });
    const blank = await native('app.notify', { title: '  ', body: 'x' }, OWN);
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(shown).toHaveLength(1);
  });

  it('rejects a call with bad arguments and says which argument is wrong', async () => {
    const result = await dispatcher()('app.ping', { text: 42 }, OWN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-arguments');
    expect(result.error.message).toMatch(/app\.ping/);
    expect(result.error.message).toMatch(/text/);
  });

  it('rejects a call with arguments where none are expected', async () => {
    const result = await dispatcher()('app.getInfo', { sneaky: true }, OWN);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('refuses a call from an unknown sender before touching the handler', async () => {
    const stranger: SenderInfo = { url: 'https://evil.example/', isMainFrame: true };
    const result = await dispatcher()('app.ping', { text: 'hi' }, stranger);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('untrusted-sender');
    expect(result.error.message).toMatch(/evil\.example/);
  });

  it('refuses a call from a subframe of our own page', async () => {
    const frame: SenderInfo = { url: 'app://desk/index.html', isMainFrame: false };
    const result = await dispatcher()('app.ping', { text: 'hi' }, frame);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('validates arguments of engine channels too', async () => {
    const result = await dispatcher()('conversations.list', { filter: {}, offset: -1, limit: 10 }, OWN);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const listed = await dispatcher()('conversations.list', { filter: {}, offset: 0, limit: 10 }, OWN);
    expect(listed).toEqual({ ok: true, value: { total: 0, rows: [] } });
  });

  it('refuses an unknown channel, including prototype names', async () => {
    for (const channel of ['nope.nothing', '__proto__', 'constructor', 42]) {
      const result = await dispatcher()(channel, undefined, OWN);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});
