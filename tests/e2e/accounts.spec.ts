import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { disableUser } from '../../src/hub/user-accounts';
import { expectAccessible, PASSWORD, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let shell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'gwen', role: 'operator' },
    { name: 'huw', role: 'operator' },
  ]);
  shell = await startConsole(hub);
});

test.afterAll(async () => {
  await shell.close();
  await hub.stop();
});

test('an account disabled while signed in is sent back to sign-in and told why it cannot return', async ({
  browser,
}) => {
  const gwen = await (await browser.newContext()).newPage();
  await signIn(gwen, shell, 'gwen');
  await expect(gwen.getByTestId('connection-status')).toHaveText('Online');

  // The desk administrator disables the account (`hub user disable`) while the hub runs.
  disableUser(hub.dataDir, 'gwen');
  await expect(gwen.getByRole('heading', { name: 'Sign in to the desk' })).toBeVisible({ timeout: 15_000 });
  await expect(gwen.getByTestId('session-ended')).toHaveText(
    'The hub ended your session: it ran out, or your account was changed. Sign in again to carry on.',
  );

  await gwen.getByLabel('Name').fill('gwen');
  await gwen.getByLabel('Password').fill(PASSWORD);
  await gwen.getByRole('button', { name: 'Sign in' }).click();
  await expect(gwen.getByRole('alert')).toHaveText(
    'This account has been disabled. Speak to your shift lead or the desk administrator.',
  );
  await expectAccessible(gwen, 'sign-in-disabled');
  await saveScreenshot(gwen, 'sign-in-disabled-light-en');
});

test('signing out on purpose returns to sign-in without saying the hub ended the session', async ({
  browser,
}) => {
  const huw = await (await browser.newContext()).newPage();
  await signIn(huw, shell, 'huw');
  await expect(huw.getByTestId('connection-status')).toHaveText('Online');
  await huw.getByRole('button', { name: 'Sign out' }).click();
  await expect(huw.getByRole('heading', { name: 'Sign in to the desk' })).toBeVisible();
  // Give a late answer about the session time to arrive: the notice must stay away.
  await huw.waitForTimeout(500);
  await expect(huw.getByTestId('session-ended')).toHaveCount(0);
});
