import { expect, test } from '@playwright/test';
import type { ConsoleShell } from '../../src/browser-shell/console';
import { PASSWORD, signIn, startConsole, TestHub } from './support/desk';
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

test('the broadcast editor never throws away what was typed', async ({ browser }) => {
  const olive = await (await browser.newContext()).newPage();
  await signIn(olive, oliveConsole, 'olive');
  await olive.getByTestId('view-broadcasts').click();
  await olive.getByTestId('bc-new').click();
  const en = olive.getByTestId('bc-text-en');
  const cy = olive.getByTestId('bc-text-cy');

  // On untouched text, a template's text comes in with the template.
  await olive.getByTestId('bc-template').selectOption('missing-appeal');
  await expect(en).toHaveValue(/MISSING/i);
  // Once written, choosing another kind of broadcast keeps the text, and offers the template's.
  const written = 'MISSING: Have you seen Dafydd, 15, last seen in Pontypridd on Friday?';
  await en.fill(written);
  await olive.getByTestId('bc-template').selectOption('road-closure');
  await expect(en).toHaveValue(written);
  await expect(olive.getByTestId('bc-template-offer')).toContainText('Your text is kept');
  await olive.getByTestId('bc-title').fill('Missing: Dafydd');
  await cy.fill('AR GOLL: Ydych chi wedi gweld Dafydd, 15, a welwyd ddiwethaf ym Mhontypridd ddydd Gwener?');
  await olive.getByTestId('bc-template').selectOption('missing-appeal');
  await olive.getByTestId('bc-save').click();
  await expect(olive.getByTestId('bc-detail')).toContainText('Missing: Dafydd');

  // Olive edits; meanwhile a lead saves version 2. Olive's text stays, and she is told.
  await olive.getByTestId('bc-edit').click();
  const mine = `${written} Call 101 quoting 2600412345.`;
  await en.fill(mine);
  await lenaConsole.engine.signIn({ hubUrl: hub.url, name: 'lena', password: PASSWORD });
  const broadcastId = oliveConsole.engine.db.prepare('SELECT id FROM broadcasts').pluck().get();
  expect(typeof broadcastId).toBe('string');
  // Lena's console has the broadcast before she saves over it.
  await expect
    .poll(() => lenaConsole.engine.db.prepare('SELECT count(*) FROM broadcasts').pluck().get())
    .toBe(1);
  lenaConsole.engine.submit({
    type: 'broadcast-save',
    broadcastId: String(broadcastId),
    templateId: 'missing-appeal',
    title: 'Missing: Dafydd',
    textEn: `${written} Lena's version.`,
    textCy: 'AR GOLL: fersiwn Lena.',
    channels: ['facebook', 'x'],
  });
  await expect(olive.getByTestId('bc-newer-version')).toContainText('version 2');
  await expect(en).toHaveValue(mine);
  await saveScreenshot(olive, 'broadcasts-editor-newer-version-en');
});
