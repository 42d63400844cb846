import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let lenaShell: ConsoleShell;
let leoShell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'lena', role: 'lead' },
    { name: 'leo', role: 'lead' },
  ]);
  lenaShell = await startConsole(hub);
  leoShell = await startConsole(hub);
});

test.afterAll(async () => {
  await lenaShell.close();
  await leoShell.close();
  await hub.stop();
});

async function openTargets(page: Page): Promise<void> {
  await page.getByTestId('view-sla').click();
  await page.getByRole('heading', { name: 'Response-time targets' }).scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Crime reports: First response')).toHaveValue('15m');
}

test('two leads edit the targets at once: neither undoes the other, offline or online', async ({
  browser,
}) => {
  const lena = await (await browser.newContext({ viewport: { width: 1440, height: 1100 } })).newPage();
  const leo = await (await browser.newContext({ viewport: { width: 1440, height: 1100 } })).newPage();
  await signIn(lena, lenaShell, 'lena');
  await signIn(leo, leoShell, 'leo');
  await openTargets(lena);
  await openTargets(leo);
  // The shipped file's targets for a queue the desk does not have are named as such.
  await expect(lena.getByRole('rowheader', { name: 'moderation (no queue uses these yet)' })).toBeVisible();

  // Lena starts editing crime; leo changes general enquiries and saves first.
  await lena.getByLabel('Crime reports: First response').fill('20m');
  await leo.getByLabel('General enquiries: Resolution').fill('3d');
  await leo.getByRole('button', { name: 'Save targets' }).click();
  await expect(
    leo.getByRole('status').filter({ hasText: 'The hub put the new targets in force.' }),
  ).toBeVisible();

  // Lena sees his change merged under her edit, and a warning that it came.
  await expect(lena.getByTestId('sla-policy-newer')).toContainText('Someone changed the targets');
  await expect(lena.getByLabel('General enquiries: Resolution')).toHaveValue('3d');
  await expect(lena.getByLabel('Crime reports: First response')).toHaveValue('20m');
  await saveScreenshot(lena, 'sla-policy-merged-en');
  await lena.getByRole('button', { name: 'Save targets' }).click();
  await expect(
    lena.getByRole('status').filter({ hasText: 'The hub put the new targets in force.' }),
  ).toBeVisible();
  await expect(lena.getByTestId('sla-policy-newer')).toBeHidden();
  await expect(leo.getByLabel('Crime reports: First response')).toHaveValue('20m');
  await expect(leo.getByLabel('General enquiries: Resolution')).toHaveValue('3d');

  // Offline, lena's change is held; leo changes the same field meanwhile. The hub refuses
  // hers rather than undo his, and her edit stays on screen to be saved again.
  await lenaShell.engine.disconnect();
  await lena.getByLabel('Crime reports: First response').fill('25m');
  await lena.getByRole('button', { name: 'Save targets' }).click();
  await expect(lena.getByRole('status').filter({ hasText: 'Waiting for the hub' })).toBeVisible();
  await leo.getByLabel('Crime reports: First response').fill('10m');
  await leo.getByRole('button', { name: 'Save targets' }).click();
  await expect(
    leo.getByRole('status').filter({ hasText: 'The hub put the new targets in force.' }),
  ).toBeVisible();
  lenaShell.engine.reconnect();
  const refused = lena.getByRole('alert').filter({ hasText: 'The hub did not apply your change' });
  await expect(refused).toContainText('changed by leo');
  await expect(lena.getByLabel('Crime reports: First response')).toHaveValue('25m');
  await saveScreenshot(lena, 'sla-policy-refused-en');
  // The hub kept leo's change.
  await expect(leo.getByLabel('Crime reports: First response')).toHaveValue('10m');

  // Saved again, now over his change on purpose.
  await lena.getByRole('button', { name: 'Save targets' }).click();
  await expect(
    lena.getByRole('status').filter({ hasText: 'The hub put the new targets in force.' }),
  ).toBeVisible();
  await expect(leo.getByLabel('Crime reports: First response')).toHaveValue('25m');
});
