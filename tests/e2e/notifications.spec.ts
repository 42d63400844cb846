import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { PASSWORD, signIn, startConsole, TestHub, writeShortPolicies } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let rhysShell: ConsoleShell;
let lenaShell: ConsoleShell;
let rhysShellOpen = true;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'rhys', role: 'operator' },
    { name: 'lena', role: 'lead' },
  ]);
  writeShortPolicies(hub.dataDir);
  await hub.stop();
  await hub.start();
  rhysShell = await startConsole(hub);
  lenaShell = await startConsole(hub);
});

test.afterAll(async () => {
  if (rhysShellOpen) await rhysShell.close();
  await lenaShell.close();
  await hub.stop();
});

/**
 * The operating system's notifications, as the page asks for them: recorded instead of
 * shown, with permission granted as an operator would grant it.
 */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { shownNotifications: shown });
    function RecordedNotification(title: string, options?: NotificationOptions): void {
      shown.push({ title, body: options?.body ?? '' });
    }
    RecordedNotification.permission = 'granted';
    RecordedNotification.requestPermission = () => Promise.resolve('granted');
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true });
  });
}

const shownNotifications = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications,
  );

test('desktop notifications speak the operator’s language; a console whose shell has gone says so', async ({
  browser,
}) => {
  const context = await browser.newContext();
  let rhys = await context.newPage();
  await recordNotifications(rhys);
  await signIn(rhys, rhysShell, 'rhys');
  await rhys.getByTestId('toggle-language').click();
  await expect(rhys.getByTestId('toggle-language')).toHaveText('English');

  await hub.sendDm('psid-ffion', 'Helo, mae beic wedi cael ei ddwyn o’r sied yng Nghaerfyrddin');
  const row = () => rhys.getByTestId('conversation-row').filter({ hasText: 'beic wedi cael' });
  await row().click();
  await rhys.getByTestId('action-claim').click();
  await expect(rhys.getByTestId('pane-owner')).toHaveText('Gyda chi');

  // The breach on his own work: the notification is in Welsh, as his console is.
  await expect
    .poll(() => shownNotifications(rhys), { timeout: 15_000 })
    .toContainEqual({
      title: 'Amser ymateb wedi’i dorri',
      body: expect.stringMatching(/^Mae eich sgwrs yn .* wedi methu ei tharged/) as unknown as string,
    });

  // The lead moves it back to the queue: he hears of that too, in Welsh.
  await lenaShell.engine.signIn({ hubUrl: hub.url, name: 'lena', password: PASSWORD });
  await expect
    .poll(() => lenaShell.engine.listConversations({ filter: {}, offset: 0, limit: 5 }).total)
    .toBe(1);
  const id =
    lenaShell.engine.listConversations({ filter: {}, offset: 0, limit: 1 }).rows[0]?.conversation.id ?? '';
  lenaShell.engine.submit({ type: 'reassign', conversationIds: [id], toOperatorId: null });
  await expect
    .poll(() => shownNotifications(rhys))
    .toContainEqual({
      title: 'Gwaith wedi’i symud oddi wrthych',
      body: 'Mae sgwrs wedi’i symud oddi wrthych chi.',
    });

  // Work given to him while no window was open is a toast when one opens, not a notification:
  // a morning's worth would otherwise pop up all at once.
  await rhys.close();
  const rhysId = lenaShell.engine.listOperators().find((o) => o.name === 'rhys')?.id ?? '';
  lenaShell.engine.submit({ type: 'reassign', conversationIds: [id], toOperatorId: rhysId });
  await expect
    .poll(
      () =>
        rhysShell.engine.listConversations({ filter: {}, offset: 0, limit: 1 }).rows[0]?.conversation
          .assigneeId,
    )
    .toBe(rhysId);
  rhys = await context.newPage();
  await recordNotifications(rhys);
  await rhys.goto(rhysShell.shell.url);
  await expect(rhys.getByTestId('toast').filter({ hasText: 'Mae sgwrs wedi’i rhoi i chi.' })).toBeVisible();
  expect(await shownNotifications(rhys)).toEqual([]);

  // The console's local shell goes away under the window: an action says so, in Welsh too.
  await row().click();
  await expect(rhys.getByTestId('pane-owner')).toHaveText('Gyda chi');
  await rhysShell.close();
  rhysShellOpen = false;
  // The status bar stops saying online: nothing on screen is current any more.
  await expect(rhys.getByTestId('connection-status')).toHaveText(
    'Mae cragen leol y consol hwn wedi stopio. Dechreuwch y consol eto, yna ail-lwythwch y dudalen hon.',
  );
  await rhys.getByTestId('action-release').click();
  await expect(
    rhys.getByTestId('toast').filter({ hasText: 'Ni allai’r consol gyrraedd ei gragen leol' }),
  ).toBeVisible();
  await saveScreenshot(rhys, 'shell-gone-cy');
  // The error on screen follows a switch of language, as the desk's other messages do.
  await rhys.getByTestId('toggle-language').click();
  await expect(
    rhys.getByTestId('toast').filter({ hasText: 'The console could not reach its local shell' }),
  ).toBeVisible();
  await rhys.getByTestId('toggle-language').click();
  // A screen that cannot load says so instead of showing an empty list.
  await rhys.getByTestId('view-moderation').click();
  await expect(rhys.getByTestId('moderation-view').getByRole('alert')).toContainText(
    'Ni allai’r consol gyrraedd ei gragen leol',
  );
});
