import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { getMeta, setMeta } from '../../src/engine/db/meta';
import { expectAccessible, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let shell: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([{ name: 'alice', role: 'operator' }]);
  shell = await startConsole(hub);
});

test.afterAll(async () => {
  await shell.close();
  await hub.stop();
});

test('an action this version cannot read is set aside, and the operator sees it until IT deals with it', async ({
  browser,
}) => {
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, shell, 'alice');
  await expect(alice.getByTestId('connection-status')).toHaveText('Online');
  await hub.sendDm('psid-set-aside', 'Has anyone handed in a black wallet at Bridgend station?');
  await alice.getByTestId('conversation-row').filter({ hasText: 'black wallet' }).click();

  // What a newer version left in the outbox before IT rolled the MSI back: an action type
  // this version does not know, queued (with its place in the order) ahead of the next one.
  const operatorId = shell.engine.sessionState().operator?.id ?? '';
  const db = shell.engine.db;
  const consoleSeq = getMeta(db, 'nextConsoleSeq') ?? 1;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO outbox (console_seq, op_id, operator_id, payload, state, created_at)
       VALUES (?, ?, ?, ?, 'queued', ?)`,
    ).run(
      consoleSeq,
      randomUUID(),
      operatorId,
      JSON.stringify({ type: 'conversation-merge', conversationIds: [], opId: randomUUID(), consoleSeq }),
      Date.now(),
    );
    setMeta(db, 'nextConsoleSeq', consoleSeq + 1);
  })();

  // The next action goes out; the unreadable one is set aside and the operator told.
  await alice.getByTestId('action-claim').click();
  await expect(alice.getByTestId('pane-owner')).toHaveText('With you');
  await expect(
    alice.getByTestId('toast').filter({ hasText: 'could not be read by this version' }),
  ).toBeVisible();
  await expect(alice.getByTestId('set-aside-actions')).toHaveText('1 action set aside, not sent: tell IT');
  await expect(alice.getByTestId('pending-actions')).toHaveText('All actions sent');
  await expectAccessible(alice, 'outbox-set-aside');
  await saveScreenshot(alice, 'outbox-set-aside-light-en');
});
