import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { PASSWORD, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let bobShell: ConsoleShell;
let aliceShell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'alice', role: 'operator' },
    { name: 'bob', role: 'operator' },
  ]);
  bobShell = await startConsole(hub);
  aliceShell = await startConsole(hub);
});

test.afterAll(async () => {
  await bobShell.close();
  await aliceShell.close();
  await hub.stop();
});

test('a refusal that came while no window was open is shown when one opens, and only once', async ({
  browser,
}) => {
  const context = await browser.newContext();
  let bob = await context.newPage();
  await signIn(bob, bobShell, 'bob');
  await hub.sendDm('psid-undelivered', 'Someone has been trying car door handles on Heol y Nant');
  const row = bob.getByTestId('conversation-row').filter({ hasText: 'car door handles' });
  await row.click();

  // Bob claims it offline; meanwhile alice claims it at the hub.
  await bobShell.engine.disconnect();
  await bob.getByTestId('action-claim').click();
  await expect(bob.getByTestId('pending-actions')).toHaveText('1 action waiting');
  const conversationId = bobShell.engine.listConversations({ filter: {}, offset: 0, limit: 1 }).rows[0]
    ?.conversation.id;
  expect(conversationId).toBeDefined();
  await aliceShell.engine.signIn({ hubUrl: hub.url, name: 'alice', password: PASSWORD });
  const id = conversationId ?? '';
  await expect
    .poll(() => aliceShell.engine.listConversations({ filter: {}, offset: 0, limit: 5 }).total)
    .toBe(1);
  aliceShell.engine.submit({ type: 'claim', conversationId: id });
  await expect.poll(() => aliceShell.engine.connectionState().pendingActions).toBe(0);

  // Bob's window goes (closed, crashed, reloading) before the link comes back: the refusal
  // arrives with no one listening.
  await bob.close();
  bobShell.engine.reconnect();
  await expect.poll(() => bobShell.engine.connectionState().pendingActions).toBe(0);

  bob = await context.newPage();
  await bob.goto(bobShell.shell.url);
  const refusal = bob.getByTestId('toast').filter({ hasText: 'Claim was refused by the hub' });
  await expect(refusal).toContainText('alice');
  await saveScreenshot(bob, 'undelivered-refusal-en');

  // Shown once: the next window does not bring it back.
  await bob.reload();
  await expect(bob.getByTestId('signed-in-as')).toContainText('bob');
  await expect(bob.getByTestId('conversation-row').first()).toBeVisible();
  await expect(bob.getByTestId('toast')).toHaveCount(0);
});
