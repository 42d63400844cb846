import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startConsoleShell, type ConsoleShell } from '../../src/browser-shell/console';
import { saveScreenshot } from './support/screens';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { RENDERER_DIR } from './support/desk';

let running: ConsoleShell;

test.beforeAll(async () => {
  expect(existsSync(join(RENDERER_DIR, 'index.html')), 'run `npm run build` first').toBe(true);
  running = await startConsoleShell({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-e2e-shell-')),
    rendererDir: RENDERER_DIR,
    version: '0.0.0-e2e',
  });
});

test.afterAll(async () => {
  await running.close();
});

test('the console opens in Chromium and window.desk round-trips through the real handlers', async ({
  page,
}) => {
  await page.goto(running.shell.url);
  await expect(page.getByTestId('app-version')).toContainText('0.0.0-e2e');
  const echoed = await page.evaluate(() => {
    const desk = window.desk;
    if (!desk) throw new Error('window.desk is missing');
    return desk.app.ping({ text: 'bore da' });
  });
  expect(echoed.ok).toBe(true);
  if (echoed.ok) expect(echoed.value.text).toBe('bore da');
  const refused = await page.evaluate(() => {
    // Deliberately wrong: the handler table must refuse it with a clear error.
    const ping = window.desk?.app.ping as unknown as (input: unknown) => Promise<unknown>;
    return ping({ text: 7 });
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  // The token is taken out of the address bar once read.
  expect(new URL(page.url()).hash).toBe('');
  expect(existsSync(await saveScreenshot(page, 'shell-start'))).toBe(true);
});

test('a page opened without the launch token cannot reach the handlers', async ({ page }) => {
  await page.goto(`${running.shell.origin}/`);
  await expect(page.getByRole('alert')).toContainText(/launch token/i);
});
