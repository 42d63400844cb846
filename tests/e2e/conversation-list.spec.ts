import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { signIn, startConsole, TestHub } from './support/desk';

let hub: TestHub;
let anaConsole: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([{ name: 'ana', role: 'operator' }]);
  anaConsole = await startConsole(hub);
});

test.afterAll(async () => {
  await anaConsole.close();
  await hub.stop();
});

// Three pages of the list (100 rows each), so the top page is out of view at the bottom.
const OLDER = 230;

test('a page scrolled away from is read again when it comes back into view', async ({ browser }) => {
  const ana = await (await browser.newContext()).newPage();
  await signIn(ana, anaConsole, 'ana');
  for (let i = 0; i < OLDER; i += 23) {
    await Promise.all(
      Array.from({ length: Math.min(23, OLDER - i) }, (_, k) =>
        hub.sendDm(`psid-list-${String(i + k)}`, `Lost property report #${String(i + k)}#`),
      ),
    );
  }
  await expect(ana.locator('.list-count')).toHaveText(`${String(OLDER)} conversations`);
  await ana.getByLabel('Sort').selectOption('newest');

  const list = ana.getByTestId('conversation-list');
  const rows = ana.getByTestId('conversation-row');
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(rows.last()).toBeVisible();
  await expect(list).not.toContainText('#new#');

  // A new conversation sorts to the top, out of view: only the pages on screen are read now.
  await hub.sendDm('psid-list-new', 'Found a wallet on the bus #new#');
  await expect(ana.locator('.list-count')).toHaveText(`${String(OLDER + 1)} conversations`);

  // Back at the top, the first page shows it. It used to keep the page read before it came.
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(rows.first()).toContainText('#new#');
});
