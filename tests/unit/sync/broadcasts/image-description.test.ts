import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../../src/hub/server';
import type { BroadcastRow } from '../../../../src/shared/ipc/channels/broadcasts';
import type { OperationInput } from '../../../../src/shared/protocol';
import { hubRows } from '../../../support/hub';
import { waitFor } from '../../../support/wait';
import { TINY_PNG_BASE64 } from '../../hub/broadcasts/support';
import { signedInConsole, startDesk, waitDrained, type TestConsole } from '../helpers';

const open: TestConsole[] = [];
let hub: RunningHub | null = null;
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  await hub?.close();
  hub = null;
});

const ID = 'appeal-sam';

const save = (
  extra: Partial<Extract<OperationInput, { type: 'broadcast-save' }>> = {},
): Extract<OperationInput, { type: 'broadcast-save' }> => ({
  type: 'broadcast-save',
  broadcastId: ID,
  templateId: 'missing-appeal',
  title: 'Missing: Sam',
  textEn: 'MISSING: Sam, 14, was last seen in Newport at 16:00. Have you seen Sam? Call 101.',
  textCy: 'AR GOLL: Gwelwyd Sam, 14, ddiwethaf yng Nghasnewydd am 16:00. Ffoniwch 101.',
  channels: ['facebook', 'x'],
  ...extra,
});

const rowOf = async (c: TestConsole): Promise<BroadcastRow | undefined> =>
  (await c.call('broadcasts.list')).find((r) => r.broadcast.id === ID);

describe('a photo’s new description through real console engines', () => {
  it('shows at once while offline, reaches the hub without the file again and every other console', async () => {
    const desk = await startDesk({ olive: ['operator'], lena: ['lead'] });
    hub = desk.hub;
    const olive = await signedInConsole(desk.hub.url, 'olive');
    const lena = await signedInConsole(desk.hub.url, 'lena');
    open.push(olive, lena);

    await olive.call(
      'actions.submit',
      save({ image: { name: 'sam.png', mime: 'image/png', alt: 'Photo of Sam', base64: TINY_PNG_BASE64 } }),
    );
    await waitDrained(olive, 'first save');
    const photo = (await rowOf(olive))?.broadcast.image;
    if (photo === undefined || photo === null) throw new Error('no photo in the cache');
    expect(photo.alt).toBe('Photo of Sam');

    // Offline, the operator changes only the description: their console shows it at once.
    await olive.engine.disconnect();
    const alt = 'Sam, 14, in a red coat and black trainers';
    await olive.call('actions.submit', save({ imageAlt: { imageId: photo.id, alt } }));
    const forecast = await rowOf(olive);
    expect(forecast?.pending).toBe(true);
    expect(forecast?.broadcast.image).toMatchObject({ name: 'sam.png', bytes: photo.bytes, alt });

    olive.engine.reconnect();
    await waitDrained(olive, 'description saved');
    const confirmed = await rowOf(olive);
    expect(confirmed?.pending).toBe(false);
    expect(confirmed?.broadcast).toMatchObject({ version: 2, image: { name: 'sam.png', alt } });

    const [stored] = hubRows<{ json: string }>(desk.dir, 'SELECT json FROM broadcasts WHERE id = ?', ID);
    expect((JSON.parse(stored?.json ?? '{}') as { image?: { alt?: string } }).image?.alt).toBe(alt);

    const seen = await waitFor(
      async () => {
        const row = await rowOf(lena);
        return row?.broadcast.image?.alt === alt ? row : null;
      },
      { what: 'the lead’s console to show the new description', timeoutMs: 20_000, intervalMs: 20 },
    );
    expect(seen.broadcast.image?.id).toBe(confirmed?.broadcast.image?.id);
  });
});
