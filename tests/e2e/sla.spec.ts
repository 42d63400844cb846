import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { expectAccessible, signIn, startConsole, TestHub, writeShortPolicies } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let lenaConsole: ConsoleShell;
let aliceConsole: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'lena', role: 'lead' },
    { name: 'alice', role: 'operator' },
  ]);
  // An edited policy file is put in force when the hub restarts.
  writeShortPolicies(hub.dataDir);
  await hub.stop();
  await hub.start();
  lenaConsole = await startConsole(hub);
  aliceConsole = await startConsole(hub);
});

test.afterAll(async () => {
  await lenaConsole.close();
  await aliceConsole.close();
  await hub.stop();
});

const row = (page: Page, text: string) => page.getByTestId('conversation-row').filter({ hasText: text });

test('the dashboard shows a breach; the operator and the lead are told; the CSV downloads', async ({
  browser,
}) => {
  const lena = await (
    await browser.newContext({ viewport: { width: 1440, height: 1100 }, acceptDownloads: true })
  ).newPage();
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, aliceConsole, 'alice');
  await signIn(lena, lenaConsole, 'lena');

  await hub.sendDm('psid-kim', 'Kim here: what time does the front desk open on Saturday? koala');
  await expect(row(alice, 'koala')).toBeVisible();
  await row(alice, 'koala').click();
  await alice.getByTestId('action-claim').click();
  await expect(alice.getByTestId('pane-owner')).toHaveText('With you');
  // The countdown says what it means in words as well as colour.
  await expect(row(alice, 'koala').locator('.due')).toContainText(/On time|At risk|Breached/);

  // The clock runs out: alice hears of the breach on her own work, the lead of one on the desk.
  await expect(
    alice.getByTestId('toast').filter({ hasText: 'Your conversation in General enquiries breached' }),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(row(alice, 'koala').locator('.due')).toHaveAttribute('data-sla-state', 'breached');
  await expect(row(alice, 'koala').locator('.due')).toContainText('Breached · overdue');
  await expect(
    lena.getByTestId('toast').filter({ hasText: 'A conversation in General enquiries breached' }),
  ).toBeVisible();

  await lena.getByTestId('view-sla').click();
  const dashboard = lena.getByTestId('sla-dashboard');
  await expect(dashboard).toBeVisible();
  const breaches = lena.getByTestId('sla-breaches');
  await expect(breaches.locator('tbody tr')).toHaveCount(1);
  await expect(breaches.locator('tbody tr')).toContainText('General enquiries');
  await expect(breaches.locator('tbody tr')).toContainText('alice');
  const general = lena.getByTestId('sla-compliance').locator('tr[data-queue-id="general"]');
  await expect(general.locator('td').first()).toContainText('0%');
  await expect(general.locator('td').first()).toContainText('0 of 1');
  await expect(lena.getByTestId('sla-trend').locator('canvas').first()).toBeVisible();
  await expect(lena.getByTestId('sla-languages')).toContainText('Welsh');
  await expectAccessible(lena, 'sla-dashboard-light');
  await saveScreenshot(lena, 'sla-dashboard-light-en');

  await lena.getByTestId('toggle-theme').click();
  await expect(lena.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(lena, 'sla-dashboard-dark');
  await saveScreenshot(lena, 'sla-dashboard-dark-en');
  await lena.getByTestId('toggle-theme').click();

  // Further down: times, English and Welsh side by side, the export and the targets.
  await lena.getByRole('heading', { name: 'Response-time targets' }).scrollIntoViewIfNeeded();
  await expect(lena.getByLabel('General enquiries: First response')).toHaveValue('4s');
  await saveScreenshot(lena, 'sla-dashboard-lower-light-en');

  // In Welsh, every label is Welsh too.
  await lena.getByTestId('toggle-language').click();
  await expect(lena.getByTestId('view-sla')).toHaveText('Dangosfwrdd CLG');
  await expect(lena.getByRole('heading', { name: 'Wedi’u torri nawr' })).toBeVisible();
  // The breach toast raised in English now reads in Welsh, queue name included.
  await expect(
    lena
      .getByTestId('toast')
      .filter({ hasText: 'Mae sgwrs yn Ymholiadau cyffredinol wedi methu ei tharged' }),
  ).toBeVisible();
  await expectAccessible(lena, 'sla-dashboard-cy');
  await lena.getByRole('heading', { name: 'Amseroedd ymateb', exact: true }).scrollIntoViewIfNeeded();
  await saveScreenshot(lena, 'sla-dashboard-light-cy');
  // The daily trend's axis names days with Welsh months (Chromium has none of its own).
  await lena.getByRole('button', { name: 'Fesul diwrnod, y 30 diwrnod diwethaf' }).click();
  await expect(lena.getByRole('button', { name: 'Fesul diwrnod, y 30 diwrnod diwethaf' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await lena.locator('.sla-trend-canvas').scrollIntoViewIfNeeded();
  await saveScreenshot(lena, 'sla-trend-daily-light-cy');
  await lena.getByRole('button', { name: /^Fesul awr/ }).click();
  // Alt+L and ? work on this tab too, not only on Conversations.
  await lena.keyboard.press('Alt+L');
  await expect(lena.getByTestId('view-sla')).toHaveText('SLA dashboard');
  await lena.keyboard.press('?');
  const help = lena.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Alt+L, Alt+T and ? work on every tab');
  await saveScreenshot(lena, 'shortcuts-on-sla-tab-light-en');
  await lena.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The monthly CSV comes from the hub and counts the message.
  const [file] = await Promise.all([
    lena.waitForEvent('download'),
    lena.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^social-desk-\d{4}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  const total = csv.split('\r\n').find((l) => l.includes(',total,all,'));
  expect(total?.split(',')[3]).toBe('1');
  await expect(lena.getByRole('status').filter({ hasText: 'Saved social-desk-' })).toBeVisible();

  // Opening the breach takes the lead to the conversation.
  await breaches.getByRole('button', { name: /^Open the conversation/ }).click();
  await expect(lena.getByTestId('conversation-pane')).toContainText('koala');
  await expect(lena.getByTestId('conversation-pane').locator('.due')).toHaveAttribute(
    'data-sla-state',
    'breached',
  );

  // Answering ends the breach on the dashboard (it still counts against the target).
  await alice.getByRole('textbox', { name: /reply/i }).first().fill('We open at 9am on Saturdays.');
  await alice.getByRole('button', { name: /^Send/ }).first().click();
  await lena.getByTestId('view-sla').click();
  await expect(lena.getByText('No conversation is breached right now.')).toBeVisible();
});
