import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { metaCommentBody, postSignedMeta } from '../support/webhooks';
import { expectAccessible, META_SECRET, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
const consoles: ConsoleShell[] = [];

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'rhian', role: 'operator', skills: ['welsh'] },
    { name: 'tom', role: 'operator' },
    { name: 'lena', role: 'lead', skills: ['confidential'] },
  ]);
  for (let i = 0; i < 3; i += 1) consoles.push(await startConsole(hub));
});

test.afterAll(async () => {
  for (const c of consoles) await c.close();
  await hub.stop();
});

/** A public comment under the force's post, through the real signed webhook. */
async function postComment(fromId: string, text: string): Promise<void> {
  const body = metaCommentBody({
    fromId,
    fromName: fromId,
    commentId: `PAGE1_POST1_${crypto.randomUUID().slice(0, 8)}`,
    text,
    time: Math.floor(Date.now() / 1000),
  });
  expect(await postSignedMeta(hub.url, body, META_SECRET)).toBe(200);
}

const banner = (page: Page) => page.getByTestId('emergency-banner');

test('an emergency alerts every console until one operator claims it', async ({ browser }) => {
  const pages: Page[] = [];
  const names = ['rhian', 'tom', 'lena'];
  for (const [i, name] of names.entries()) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, consoles[i] as ConsoleShell, name);
    await expect(page.getByTestId('connection-status')).toHaveText('Online');
    pages.push(page);
  }
  const [rhian, tom, lena] = pages as [Page, Page, Page];

  const text = 'Mae dyn tu allan efo cyllell ac mae o’n bygwth fy lladd i nawr, helpwch';
  await hub.sendDm('psid-emergency', text);

  // Every console is alerted at once: banner, claim button, and the alert (sound) running.
  for (const page of pages) {
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toHaveAttribute('data-alerting', 'yes');
    await expect(banner(page).getByTestId('emergency-item')).toContainText('cyllell');
    await expect(banner(page).getByTestId('emergency-claim')).toBeEnabled();
    await expect(banner(page)).not.toHaveAttribute('data-sound', 'off');
  }
  await expectAccessible(rhian, 'emergency-banner');
  await saveScreenshot(rhian, 'emergency-banner-light-en');
  await rhian.getByTestId('toggle-theme').click();
  await expect(rhian.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(rhian, 'emergency-banner-dark');
  await saveScreenshot(rhian, 'emergency-banner-dark-en');
  await rhian.getByTestId('toggle-theme').click();

  // Tom claims it from the banner: it opens for him, and the alert stops everywhere.
  await tom.getByTestId('emergency-claim').click();
  await expect(tom.getByTestId('pane-owner')).toHaveText('With you');
  for (const page of pages) await expect(banner(page)).toHaveCount(0);

  // The 999 reply is offered first, in the language the person wrote in.
  await tom.getByTestId('insert-suggested').click();
  await expect(tom.getByTestId('composer-body')).toHaveValue(/ffoniwch 999/);

  // A reloaded console shows no stale alert; a new emergency reaches it after reload too.
  await lena.reload();
  await expect(lena.getByTestId('signed-in-as')).toContainText('lena');
  await hub.sendDm('psid-emergency-2', 'A man has a gun outside the school gates right now');
  await expect(banner(lena)).toBeVisible();
  await expect(banner(rhian)).toBeVisible();
  await rhian.getByTestId('emergency-claim').click();
  for (const page of pages) await expect(banner(page)).toHaveCount(0);

  // A confidential emergency alerts everyone, but only cleared staff (lena) can claim it.
  await hub.sendDm(
    'psid-confidential',
    'He raped me at the party last night and now he is threatening me with a knife',
  );
  await expect(banner(tom)).toBeVisible();
  await expect(banner(tom).getByTestId('emergency-claim')).toBeDisabled();
  await expect(banner(tom).getByTestId('emergency-claim')).toHaveText('Cleared staff only');
  await expect(banner(lena).getByTestId('emergency-claim')).toBeEnabled();
  await expectAccessible(tom, 'emergency-banner-uncleared');
  await saveScreenshot(tom, 'emergency-confidential-uncleared-light-en');
  // Opened from the list, it offers tom only what the hub will accept from him.
  await tom.getByTestId('conversation-row').filter({ hasText: 'only cleared staff' }).first().click();
  await expect(tom.getByTestId('confidential-notice')).toContainText('Only cleared staff can claim');
  // Who reported it is as sensitive as what they reported: tom is not told.
  await expect(tom.locator('#pane-title')).toHaveText('From Name withheld (confidential)');
  await expect(
    tom.getByTestId('conversation-row').filter({ hasText: 'only cleared staff' }).first(),
  ).toContainText('Name withheld (confidential)');
  await expect(tom.getByTestId('action-claim')).toBeDisabled();
  await expect(tom.getByTestId('action-resolve')).toBeDisabled();
  await saveScreenshot(tom, 'confidential-uncleared-pane-light-en');
  await lena.getByTestId('emergency-claim').click();
  await expect(lena.getByTestId('pane-owner')).toHaveText('With you');
  for (const page of pages) await expect(banner(page)).toHaveCount(0);
});

test('the moderation view lists auto-hidden and flagged comments and acts on them', async ({ browser }) => {
  // A console of its own: a browser-shell console serves one page at a time.
  const shell = await startConsole(hub);
  consoles.push(shell);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, shell, 'lena');
  await postComment('angry-user', 'This force is a load of shit, sort the traffic lights out');
  await postComment('careful-user', 'My bike was stolen, ring me on 07700 900123 if you find it');

  await page.getByTestId('view-moderation').click();
  const view = page.getByTestId('moderation-view');
  await expect(view).toBeVisible();
  const hidden = view.getByTestId('moderation-item').filter({ hasText: 'traffic lights' });
  const flagged = view.getByTestId('moderation-item').filter({ hasText: '07700' });
  await expect(hidden.getByTestId('moderation-state')).toHaveText('Hidden');
  await expect(hidden).toContainText('Hidden automatically');
  await expect(flagged.getByTestId('moderation-state')).toHaveText('Visible');
  await expect(flagged).toContainText('Personal details');
  await expect(flagged.getByTestId('moderation-reason')).toHaveValue('personal-details');
  await expectAccessible(page, 'moderation-view');
  await saveScreenshot(page, 'moderation-view-light-en');
  await page.getByTestId('toggle-theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'moderation-view-dark');
  await saveScreenshot(page, 'moderation-view-dark-en');
  await page.getByTestId('toggle-theme').click();

  // Hide the flagged one for its personal details; it leaves "needs review" once decided.
  await flagged.getByTestId('moderation-hide').click();
  await expect(view.getByTestId('moderation-item').filter({ hasText: '07700' })).toHaveCount(0);
  await page.getByText(/^Hidden \(/).click();
  const nowHidden = view.getByTestId('moderation-item').filter({ hasText: '07700' });
  await expect(nowHidden.getByTestId('moderation-state')).toHaveText('Hidden');
  await expect(nowHidden.getByTestId('moderation-sync')).toContainText('Confirmed by Facebook');

  // An abusive post on X that answers nobody: X will not let the force hide it, so it is
  // flagged for a person and the console says why Hide is not offered.
  await hub.sendXPost('9001', '@ExamplePolice you lot are shit, where were you last night');
  await page.getByText(/^Needs review \(/).click();
  const mention = view.getByTestId('moderation-item').filter({ hasText: 'where were you' });
  await expect(mention.getByTestId('moderation-state')).toHaveText('Visible');
  await expect(mention.getByTestId('moderation-not-hideable')).toContainText(
    'X lets the force hide replies only',
  );
  await expect(mention.getByTestId('moderation-hide')).toBeDisabled();
  await mention.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'moderation-x-mention');
  await saveScreenshot(page, 'moderation-x-mention-light-en');
});

test('only cleared staff act on a confidential comment, and a public reply is checked before it goes', async ({
  browser,
}) => {
  const tomShell = await startConsole(hub);
  const lenaShell = await startConsole(hub);
  consoles.push(tomShell, lenaShell);
  const tom = await (await browser.newContext()).newPage();
  const lena = await (await browser.newContext()).newPage();
  await signIn(tom, tomShell, 'tom');
  await signIn(lena, lenaShell, 'lena');
  // Intelligence (confidential) with a swear word (hidden automatically).
  await postComment(
    'informant',
    'Drug dealing every night at the shit park on Bryn Road, I know who is doing it',
  );

  // Tom is not cleared: he sees that it is there, not what it says, and cannot act on it.
  await tom.getByTestId('view-moderation').click();
  await tom.getByText(/^Hidden \(/).click();
  const secret = tom
    .getByTestId('moderation-item')
    .filter({ has: tom.getByTestId('moderation-cleared-only') });
  await expect(secret).toHaveCount(1);
  await expect(secret).not.toContainText('Bryn Road');
  for (const id of ['moderation-unhide', 'moderation-delete', 'moderation-reply'])
    await expect(secret.getByTestId(id)).toBeDisabled();
  await expectAccessible(tom, 'moderation-confidential-uncleared');
  await saveScreenshot(tom, 'moderation-confidential-uncleared-light-en');

  // Lena is cleared. Her public reply is held to Facebook's length for comments…
  await lena.getByTestId('view-moderation').click();
  await lena.getByText(/^Hidden \(/).click();
  const card = lena.getByTestId('moderation-item').filter({ hasText: 'Bryn Road' });
  await expect(card.getByTestId('moderation-cleared-only')).toHaveCount(0);
  await card.getByTestId('moderation-reply').click();
  await card.getByTestId('moderation-reply-body').fill('a'.repeat(8_010));
  await expect(card).toContainText('Too long for Facebook: 10 characters over.');
  await expect(card.getByTestId('moderation-send-reply')).toBeDisabled();
  // …and a phone number in it is pointed out first, the text kept, as in the composer.
  const text = 'Thank you. Please message us privately, or ring 07700 900456 if it is urgent.';
  await card.getByTestId('moderation-reply-body').fill(text);
  await card.getByTestId('moderation-send-reply').click();
  await expect(card.getByTestId('moderation-personal-details')).toContainText('phone');
  await expect(card.getByTestId('moderation-reply-body')).toHaveValue(text);
  await saveScreenshot(lena, 'moderation-reply-personal-details-light-en');
  await card.getByRole('button', { name: 'Send anyway' }).click();
  await expect(card.getByTestId('moderation-reply-body')).toHaveCount(0);
});
