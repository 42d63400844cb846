import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { expectAccessible, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let lenaConsole: ConsoleShell;
let aliceConsole: ConsoleShell;
let bobConsole: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'lena', role: 'lead' },
    { name: 'alice', role: 'operator' },
    { name: 'bob', role: 'operator', skills: ['welsh'] },
  ]);
  lenaConsole = await startConsole(hub);
  aliceConsole = await startConsole(hub);
  bobConsole = await startConsole(hub);
});

test.afterAll(async () => {
  await lenaConsole.close();
  await aliceConsole.close();
  await bobConsole.close();
  await hub.stop();
});

const row = (page: Page, text: string) => page.getByTestId('conversation-row').filter({ hasText: text });
const operatorRow = (page: Page, name: string) =>
  page.locator(`[data-testid="operator-row"][data-operator="${name}"]`);

test('a lead drags work from one operator to another and it reaches the second console at once', async ({
  browser,
}) => {
  const lena = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await signIn(alice, aliceConsole, 'alice');
  await signIn(bob, bobConsole, 'bob');
  await signIn(lena, lenaConsole, 'lena');

  await hub.sendDm('psid-ann', 'Ann here: my shed was broken into overnight and tools taken');
  await hub.sendDm('psid-ben', 'Ben here: when is the next community meeting at the station?');
  await hub.sendDm('psid-cai', 'Help, someone is trying to break into my house right now, they have a knife');
  await expect(row(alice, 'shed was broken')).toBeVisible();
  await row(alice, 'shed was broken').click();
  await alice.getByTestId('action-claim').click();
  await expect(alice.getByTestId('pane-owner')).toHaveText('With you');

  // The lead's board: unclaimed emergency on top, alice holding her claim.
  await lena.getByTestId('view-workload').click();
  const board = lena.getByTestId('workload-board');
  await expect(board).toBeVisible();
  await expect(lena.getByTestId('unclaimed-emergencies').getByTestId('board-item')).toHaveCount(1);
  await expect(operatorRow(lena, 'alice').getByTestId('board-item')).toContainText('shed');
  await expect(operatorRow(lena, 'alice').getByTestId('held')).toHaveText('1');
  await expect(operatorRow(lena, 'bob').getByTestId('held')).toHaveText('0');
  await expect(lena.getByTestId('volume-trend')).toBeVisible();
  await expectAccessible(lena, 'workload-board-light');
  await saveScreenshot(lena, 'workload-board-light-en');

  // Drag alice's conversation onto bob's row, with a reason.
  await lena.getByTestId('move-reason').fill('alice is on a long call');
  await operatorRow(lena, 'alice').getByTestId('board-item').dragTo(operatorRow(lena, 'bob'));
  // Bob's console shows it as his within a second.
  await expect(row(bob, 'shed was broken').locator('.row-owner')).toHaveText('you', { timeout: 1000 });
  await expect(operatorRow(lena, 'bob').getByTestId('held')).toHaveText('1');
  await expect(operatorRow(lena, 'alice').getByTestId('held')).toHaveText('0');
  await expect(row(alice, 'shed was broken').locator('.row-owner')).toHaveText('bob');

  // By keyboard: select the emergency's card, choose bob from the list, move.
  const emergencyBox = lena.getByTestId('unclaimed-emergencies').getByRole('checkbox');
  await emergencyBox.focus();
  await lena.keyboard.press('Space');
  await expect(lena.getByTestId('selected-count')).toHaveText('1 selected');
  const target = lena.getByTestId('move-target');
  await target.selectOption(
    (await target.locator('option', { hasText: /^bob/ }).getAttribute('value')) ?? '',
  );
  await lena.getByTestId('move-submit').focus();
  await lena.keyboard.press('Enter');
  await expect(lena.getByTestId('unclaimed-emergencies').getByTestId('board-item')).toHaveCount(0);
  await expect(operatorRow(lena, 'bob').getByTestId('held')).toHaveText('2');
  await expect(row(bob, 'knife').locator('.row-owner')).toHaveText('you');

  // The dark theme keeps the board readable.
  await lena.getByTestId('toggle-theme').click();
  await expect(lena.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(lena, 'workload-board-dark');
  await saveScreenshot(lena, 'workload-board-dark-en');
  await lena.getByTestId('toggle-theme').click();

  // From the conversation pane: "Move to…" sends it back to the queue.
  await lena.getByTestId('view-conversations').click();
  await row(lena, 'community meeting').click();
  const moveTo = lena.getByTestId('move-to');
  const paneTarget = moveTo.getByRole('combobox');
  await paneTarget.selectOption(
    (await paneTarget.locator('option', { hasText: /^alice/ }).getAttribute('value')) ?? '',
  );
  await moveTo.getByRole('button').click();
  await expect(row(alice, 'community meeting').locator('.row-owner')).toHaveText('you');
  await expectAccessible(lena, 'conversation-pane-lead');

  // An operator sees no board and no "Move to…".
  await expect(alice.getByTestId('view-workload')).toHaveCount(0);
  await row(alice, 'community meeting').click();
  await expect(alice.getByTestId('move-to')).toHaveCount(0);
});
