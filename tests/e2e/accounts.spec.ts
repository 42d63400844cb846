import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { disableUser } from '../../src/hub/user-accounts';
import { expectAccessible, PASSWORD, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let shell: ConsoleShell;
let adminShell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'gwen', role: 'operator' },
    { name: 'huw', role: 'operator' },
    { name: 'ifan', role: 'operator', skills: ['welsh'] },
    { name: 'ada', role: 'admin' },
  ]);
  shell = await startConsole(hub);
  adminShell = await startConsole(hub);
});

test.afterAll(async () => {
  await shell.close();
  await adminShell.close();
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

test('an administrator disables, enables and signs out an account from the Accounts tab', async ({
  browser,
}) => {
  const ifan = await (await browser.newContext()).newPage();
  await signIn(ifan, shell, 'ifan');
  const ada = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(ada, adminShell, 'ada');
  await ada.getByTestId('view-accounts').click();
  const row = (name: string) => ada.getByTestId('account-row').and(ada.locator(`[data-name="${name}"]`));
  await expect(row('ifan')).toContainText('Welsh');
  await expect(row('ifan')).toContainText('Available');
  // Not their own account: that would lock the desk's administrator out.
  await expect(ada.getByRole('button', { name: 'Disable ada' })).toBeDisabled();

  await ada.getByRole('button', { name: 'Disable ifan' }).click();
  await expect(row('ifan')).toContainText('Disable ifan? They cannot sign in until enabled again.');
  await expectAccessible(ada, 'accounts');
  await saveScreenshot(ada, 'accounts-confirm-light-en');
  await row('ifan').getByRole('button', { name: 'Confirm' }).click();
  await expect(row('ifan')).toContainText('Disabled');
  await expect(row('ifan')).toContainText('Offline');
  await expect(ifan.getByTestId('session-ended')).toBeVisible({ timeout: 15_000 });

  await ada.getByRole('button', { name: 'Enable ifan' }).click();
  await row('ifan').getByRole('button', { name: 'Confirm' }).click();
  await expect(row('ifan')).toContainText('Active');
  await signIn(ifan, shell, 'ifan');

  // A lost workstation: signed out everywhere, the account still usable.
  await ada.getByRole('button', { name: 'Sign out everywhere: ifan' }).click();
  await row('ifan').getByRole('button', { name: 'Confirm' }).click();
  await expect(ifan.getByTestId('session-ended')).toBeVisible({ timeout: 15_000 });
  await expect(row('ifan')).toContainText('Active');
  await saveScreenshot(ada, 'accounts-light-en');

  await ada.getByTestId('toggle-language').click();
  await expect(ada.getByRole('heading', { name: 'Cyfrifon' })).toBeVisible();
  await expect(row('ifan')).toContainText('Gweithredol');
  // What was said before the switch is said again in Welsh.
  await expect(ada.getByRole('status').filter({ hasText: 'Bydd ifan yn cael ei allgofnodi' })).toBeVisible();
  await saveScreenshot(ada, 'accounts-light-cy');
  await ada.getByTestId('toggle-theme').click();
  await expectAccessible(ada, 'accounts-dark');
  await saveScreenshot(ada, 'accounts-dark-cy');
});
