import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserShell, type BrowserShell } from '../../src/browser-shell/server';
import { createHandlerTable } from '../../src/engine/handlers';
import { saveScreenshot } from './support/screens';

const rendererDir = join(import.meta.dirname, '../../out/renderer');
let shell: BrowserShell;

test.beforeAll(async () => {
  expect(existsSync(join(rendererDir, 'index.html')), 'run `npm run build` first').toBe(true);
  shell = await startBrowserShell({
    rendererDir,
    handlers: createHandlerTable({
      info: { name: 'Social Desk', version: '0.0.0-e2e', build: 'e2e', shell: 'browser', platform: 'linux' },
      now: () => Date.now(),
    }),
  });
});

test.afterAll(async () => {
  await shell.close();
});

test('the console opens in Chromium and window.desk round-trips through the real handlers', async ({
  page,
}) => {
  await page.goto(shell.url);
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
  await page.goto(`${shell.origin}/`);
  await expect(page.getByRole('alert')).toContainText(/launch token/i);
});
