import { expect, test, type Page } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { hubRows } from '../support/hub';
import { expectAccessible, signIn, startConsole, TestHub } from './support/desk';
import { saveScreenshot } from './support/screens';

let hub: TestHub;
let oliveConsole: ConsoleShell;
let lenaConsole: ConsoleShell;

test.beforeAll(async () => {
  hub = await TestHub.create([
    { name: 'olive', role: 'operator' },
    { name: 'lena', role: 'lead' },
  ]);
  oliveConsole = await startConsole(hub);
  lenaConsole = await startConsole(hub);
});

test.afterAll(async () => {
  await oliveConsole.close();
  await lenaConsole.close();
  await hub.stop();
});

/** A 1×1 PNG, as an appeal photo picked from disk. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const channelState = (page: Page, channel: 'facebook' | 'x') =>
  page.getByTestId(`bc-channel-state-${channel}`).locator('td[data-state]');

test('draft → approval → publication → desk alert acknowledged, across an operator and a lead', async ({
  browser,
}) => {
  const olive = await (await browser.newContext()).newPage();
  const lena = await (await browser.newContext()).newPage();
  await signIn(olive, oliveConsole, 'olive');
  await signIn(lena, lenaConsole, 'lena');

  // The operator drafts a road-closure broadcast in English and Welsh, with a photo.
  await olive.getByTestId('view-broadcasts').click();
  await olive.getByTestId('bc-new').click();
  await olive.getByTestId('bc-template').selectOption('road-closure');
  await olive.getByTestId('bc-title').fill('M4 J24–J26 closed');
  await olive.getByTestId('bc-text-cy').fill('');
  await expect(olive.getByTestId('bc-problem-welsh-missing')).toBeVisible();
  await expect(olive.getByTestId('bc-submit')).toBeDisabled();
  await olive
    .getByTestId('bc-text-en')
    .fill(
      'ROAD CLOSURE: The M4 is closed between J24 and J26 because of a collision. Please avoid the area. Updates: https://www.gwent.police.uk/news/m4-closure-updates-for-drivers',
    );
  await olive
    .getByTestId('bc-text-cy')
    .fill(
      'FFORDD AR GAU: Mae’r M4 ar gau rhwng C24 a C26 oherwydd gwrthdrawiad. Osgowch yr ardal. Diweddariadau: https://www.gwent.police.uk/news/m4-closure-updates-for-drivers',
    );
  await olive
    .getByTestId('bc-image')
    .setInputFiles({ name: 'closure-map.png', mimeType: 'image/png', buffer: PNG });
  // On X the long link counts 23: each language is its own post within 280.
  await expect(olive.getByTestId('preview-x-en').getByTestId('preview-count')).toHaveText(/^1\d\d \/ 280$/);
  await expect(olive.getByTestId('preview-facebook-bilingual')).toContainText('FFORDD AR GAU');
  await expectAccessible(olive, 'broadcast-editor');
  await saveScreenshot(olive, 'broadcasts-editor-light-en');
  await olive.getByTestId('bc-submit').click();
  await expect(olive.getByTestId('bc-status')).toHaveText('Awaiting approval');
  // The operator cannot approve: there is no approval panel on their screen.
  await expect(olive.getByTestId('bc-approval')).toHaveCount(0);

  // The lead sees it arrive, reviews and approves it for now.
  await lena.getByTestId('view-broadcasts').click();
  await lena.getByTestId('bc-list-item').filter({ hasText: 'M4 J24–J26 closed' }).click();
  await expect(lena.getByTestId('bc-status')).toHaveText('Awaiting approval');
  await expectAccessible(lena, 'broadcast-approval');
  await saveScreenshot(lena, 'broadcasts-approval-light-en');
  await lena.getByTestId('bc-comment').fill('Checked with roads policing');
  await lena.getByTestId('bc-approve').click();
  await expect(channelState(lena, 'facebook')).toHaveAttribute('data-state', 'published');
  await expect(channelState(lena, 'x')).toHaveAttribute('data-state', 'published');
  await expect(lena.getByTestId('bc-history')).toContainText('Checked with roads policing');
  // The author's console follows live.
  await expect(channelState(olive, 'x')).toHaveAttribute('data-state', 'published');

  await lena.getByTestId('toggle-theme').click();
  await expect(lena.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(lena, 'broadcast-published-dark');
  await saveScreenshot(lena, 'broadcasts-published-dark-en');
  await lena.getByTestId('toggle-language').click();
  await expectAccessible(lena, 'broadcast-published-dark-cy');
  await saveScreenshot(lena, 'broadcasts-published-dark-cy');
  await lena.getByTestId('toggle-language').click();
  await lena.getByTestId('toggle-theme').click();

  // The lead alerts the desk; the operator must acknowledge it.
  await lena.getByTestId('bc-section-alerts').click();
  await lena
    .getByTestId('alert-text')
    .fill('Major incident declared: M4 J24–J26 closed; expect volume; use the road-closure reply');
  await lena.getByTestId('alert-severity').selectOption('critical');
  await lena.getByTestId('alert-send').click();
  const item = lena.getByTestId('alert-item').first();
  await expect(item.getByTestId('not-acked')).toContainText('olive');

  const banner = olive.getByTestId('desk-alert');
  await expect(banner).toContainText('Major incident declared');
  await expectAccessible(olive, 'desk-alert-banner');
  await saveScreenshot(olive, 'desk-alert-banner-light-en');
  await olive.getByTestId('toggle-theme').click();
  await expectAccessible(olive, 'desk-alert-banner-dark');
  await saveScreenshot(olive, 'desk-alert-banner-dark-en');
  await olive.getByTestId('toggle-theme').click();
  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(olive.getByTestId('desk-alerts')).toHaveCount(0);

  await expect(item.getByTestId('acked')).toContainText('olive');
  await expect(item.getByTestId('not-acked')).not.toContainText('olive');
  await expectAccessible(lena, 'desk-alert-acks');
  await saveScreenshot(lena, 'desk-alert-acks-light-en');

  // The road reopens: the lead takes the broadcast down on every channel.
  await lena.getByTestId('bc-section-broadcasts').click();
  await lena.getByTestId('bc-list-item').filter({ hasText: 'M4 J24–J26 closed' }).click();
  await lena.getByTestId('bc-retract-reason').fill('Road reopened');
  await lena.getByTestId('bc-retract').click();
  await expect(lena.getByTestId('bc-status')).toHaveText('Retracted');
  await expect(channelState(lena, 'facebook')).toHaveAttribute('data-state', 'retracted');
  await expect(channelState(lena, 'x')).toHaveAttribute('data-state', 'retracted');
  await expect(channelState(olive, 'x')).toHaveAttribute('data-state', 'retracted');
});

test('a saved photo’s description is changed without choosing the file again', async ({ browser }) => {
  // A console of its own: the one above is still signed in on the first test's page.
  const shell = await startConsole(hub);
  try {
    const olive = await (await browser.newContext()).newPage();
    await signIn(olive, shell, 'olive');
    await olive.getByTestId('view-broadcasts').click();
    await olive.getByTestId('bc-new').click();
    await olive.getByTestId('bc-template').selectOption('missing-appeal');
    await olive.getByTestId('bc-title').fill('Missing: Sam');
    await olive
      .getByTestId('bc-image')
      .setInputFiles({ name: 'sam.png', mimeType: 'image/png', buffer: PNG });
    await olive.getByTestId('bc-image-alt').fill('Photo of Sam');
    await olive.getByTestId('bc-save').click();
    await expect(olive.getByTestId('bc-detail')).toContainText('sam.png');

    await olive.getByTestId('bc-edit').click();
    await expect(olive.getByTestId('bc-image-alt')).toHaveValue('Photo of Sam');
    await olive.getByTestId('bc-image-alt').fill('Sam, 14, in a red coat');
    await olive.getByTestId('bc-save').click();
    // The hub stores the new description on the same photo.
    await expect
      .poll(
        () =>
          hubRows<{ json: string }>(hub.dataDir, 'SELECT json FROM broadcasts')
            .map((r) => JSON.parse(r.json) as { title: string; image: { name: string; alt: string } | null })
            .find((b) => b.title === 'Missing: Sam')?.image,
      )
      .toMatchObject({ name: 'sam.png', alt: 'Sam, 14, in a red coat' });
    await olive.getByTestId('bc-edit').click();
    await expect(olive.getByTestId('bc-image-alt')).toHaveValue('Sam, 14, in a red coat');
    await expect(olive.getByTestId('bc-image-name')).toContainText('sam.png');
  } finally {
    await shell.close();
  }
});
