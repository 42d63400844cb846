import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let shell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'alice', role: 'operator' },
    { name: 'bob', role: 'operator' },
  ]);
  shell = await startConsole(hub);
});

test.afterAll(async () => {
  await shell.close();
  await hub.stop();
});

const row = (page: Page, text: string) => page.getByTestId('conversation-row').filter({ hasText: text });

test('a half-written reply waits in its conversation while the operator looks elsewhere', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, shell, 'alice');
  await hub.sendDm('psid-drafts-1', 'My neighbour’s dog has been barking all night again');
  await hub.sendDm('psid-drafts-2', 'Can I collect my lost passport from the front desk today?');
  const body = page.getByTestId('composer-body');

  await row(page, 'barking').click();
  await body.fill('Thanks for letting us know. Noise complaints go to the council');
  await row(page, 'passport').click();
  await expect(body).toHaveValue('');
  await body.fill('Checking with the front desk');
  // Another tab and back: the pane is rebuilt, the text is not lost.
  await page.getByRole('button', { name: 'Broadcasts' }).click();
  await page.getByRole('button', { name: 'Conversations' }).click();
  await expect(body).toHaveValue('Checking with the front desk');
  await row(page, 'barking').click();
  await expect(body).toHaveValue('Thanks for letting us know. Noise complaints go to the council');
  await saveScreenshot(page, 'composer-draft-kept-en');

  // Sent, it is gone from the conversation's draft.
  await body.fill('Thanks for letting us know. Noise complaints go to the council: 029 2087 2087.');
  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('message-outbound')).toContainText('Noise complaints');
  await row(page, 'passport').click();
  await row(page, 'barking').click();
  await expect(body).toHaveValue('');

  // The next operator to sign in on this console does not get alice's unsent text.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, shell, 'bob');
  await row(page, 'passport').click();
  await expect(body).toHaveValue('');
});
