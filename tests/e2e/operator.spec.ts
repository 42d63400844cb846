import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { expectAccessible, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let rhianConsole: ConsoleShell;
let tomConsole: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'rhian', role: 'operator', skills: ['welsh'] },
    { name: 'tom', role: 'operator' },
  ]);
  rhianConsole = await startConsole(hub);
  tomConsole = await startConsole(hub);
});

test.afterAll(async () => {
  await rhianConsole.close();
  await tomConsole.close();
  await hub.stop();
});

const row = (page: Page, text: string) => page.getByTestId('conversation-row').filter({ hasText: text });

test('an operator answers, works offline, and a colleague sees it all live', async ({ browser }) => {
  const rhian = await (await browser.newContext()).newPage();
  const tom = await (await browser.newContext()).newPage();

  await rhian.goto(rhianConsole.shell.url);
  await expect(rhian.getByRole('heading', { name: 'Sign in to the desk' })).toBeVisible();
  await expectAccessible(rhian, 'sign-in');
  await saveScreenshot(rhian, 'sign-in-light-en');

  await signIn(rhian, rhianConsole, 'rhian');
  await signIn(tom, tomConsole, 'tom');
  await expect(rhian.getByTestId('connection-status')).toHaveText('Online');

  // A new message arrives without reloading.
  const emergency = 'Help plîs mae dyn tu allan gyda chyllell yn bygwth fy lladd i nawr';
  await hub.sendDm('psid-rhys', emergency);
  await expect(row(rhian, 'bygwth')).toBeVisible();
  await row(rhian, 'bygwth').click();
  await expect(rhian.getByTestId('thread')).toContainText(emergency);

  await rhian.getByTestId('action-claim').click();
  await expect(rhian.getByTestId('pane-owner')).toHaveText('With you');
  // The colleague's console shows who holds it.
  await expect(row(tom, 'bygwth')).toContainText('rhian');

  // The Welsh 999 canned reply, then resolve.
  await rhian.getByLabel('Canned response').selectOption('emergency-999');
  // The message is Welsh, so the reply text is Welsh whatever the interface language.
  await expect(rhian.getByTestId('composer-body')).toHaveValue(/ffoniwch 999/);
  await rhian.getByTestId('composer-send').click();
  await expect(rhian.getByTestId('message-outbound')).toContainText('999');
  await rhian.getByTestId('action-resolve').click();
  await expect(rhian.getByTestId('conversation-pane')).toContainText('Resolved');
  await expectAccessible(rhian, 'console');
  await saveScreenshot(rhian, 'console-light-en');

  // Another message; then the hub goes down.
  await hub.sendDm('psid-jones', 'Any update on my stolen bicycle report from Tuesday please');
  await expect(row(rhian, 'bicycle')).toBeVisible();
  await hub.stop();
  await expect(rhian.getByTestId('connection-status')).toHaveText(/Offline since|Reconnecting/);

  await row(rhian, 'bicycle').click();
  await rhian
    .getByTestId('composer-body')
    .fill('Thanks for waiting. Your report is with the local team today.');
  await rhian.getByTestId('composer-send').click();
  await expect(rhian.getByTestId('message-outbound')).toContainText('local team today');
  await rhian.getByTestId('action-resolve').click();
  await expect(rhian.getByTestId('pending-actions')).toHaveText('2 actions waiting');
  await saveScreenshot(rhian, 'console-offline-en');

  // The hub returns: both actions go out once, and the bar clears.
  await hub.start();
  await expect(rhian.getByTestId('pending-actions')).toHaveText('All actions sent', { timeout: 30_000 });
  await expect(rhian.getByTestId('connection-status')).toHaveText('Online');

  // The colleague sees the reply exactly once, and the resolution.
  await row(tom, 'bicycle').click();
  await expect(tom.getByTestId('message-outbound')).toHaveCount(1);
  await expect(tom.getByTestId('message-outbound')).toContainText('local team today');
  await expect(tom.getByTestId('conversation-pane')).toContainText('Resolved');

  // Welsh and back, at runtime.
  await rhian.getByTestId('toggle-language').click();
  await expect(rhian.getByTestId('connection-status')).toHaveText('Ar-lein');
  await expect(rhian.getByRole('button', { name: 'Allgofnodi' })).toBeVisible();
  // Triage's reasons are shown in Welsh too.
  await row(rhian, 'bygwth').click();
  await rhian.getByText('Pam y cafodd ei nodi').click();
  await expect(rhian.getByTestId('conversation-pane')).toContainText('Argyfwng: ');
  await expect(rhian.getByTestId('conversation-pane')).toContainText('Blaenoriaeth brys');
  await expectAccessible(rhian, 'console-cy');
  await saveScreenshot(rhian, 'console-light-cy');
  await rhian.getByTestId('toggle-theme').click();
  await expect(rhian.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(rhian, 'console-dark-cy');
  await saveScreenshot(rhian, 'console-dark-cy');
  await rhian.getByTestId('toggle-language').click();
  await expect(rhian.getByTestId('connection-status')).toHaveText('Online');
  await saveScreenshot(rhian, 'console-dark-en');
  await rhian.getByTestId('toggle-theme').click();

  // Full-text search over cached messages.
  await rhian.getByTestId('search').fill('bicycle');
  await expect(rhian.getByTestId('conversation-row')).toHaveCount(1);
  await expect(row(rhian, 'bicycle')).toBeVisible();

  // The keyboard help.
  await rhian.getByTestId('search').blur();
  await rhian.keyboard.press('?');
  await expect(rhian.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectAccessible(rhian, 'shortcuts');
  await rhian.keyboard.press('Escape');

  // Keys pressed while typing belong to the text. r puts the cursor in the reply box; there
  // Ctrl+A selects and Ctrl+↓ moves the caret (neither switches the list or the conversation);
  // Escape leaves the box with the draft kept; the next conversation does not take the focus.
  await rhian.getByTestId('search').fill('');
  await row(rhian, 'bicycle').click();
  await rhian.keyboard.press('r');
  const composer = rhian.getByTestId('composer-body');
  await expect(composer).toBeFocused();
  await composer.fill('Draft in progress');
  await composer.press('Control+a');
  await composer.press('Control+ArrowDown');
  await expect(composer).toHaveValue('Draft in progress');
  await expect(rhian.getByTestId('thread')).toContainText('stolen bicycle');
  await composer.press('Escape');
  await expect(composer).not.toBeFocused();
  await row(rhian, 'bygwth').click();
  await expect(rhian.getByTestId('thread')).not.toContainText('stolen bicycle');
  await expect(rhian.getByTestId('composer-body')).not.toBeFocused();
});
