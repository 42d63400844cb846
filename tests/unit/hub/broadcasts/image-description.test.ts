import { afterEach, describe, expect, it } from 'vitest';
import { createRecordingAdapters, type RecordingAdapters } from '../../../../src/hub/adapters/recording';
import type { Broadcast } from '../../../../src/shared/protocol';
import { hubRows } from '../../../support/hub';
import { connectConsole, loginAs, startDesk, type DeskFixture, type RawConsole } from '../helpers';
import {
  accept,
  ack,
  approveInput,
  channelOf,
  draftInput,
  latestBroadcast,
  TINY_PNG_BASE64,
} from './support';

let desk: DeskFixture | null = null;
let recording: RecordingAdapters = createRecordingAdapters();
const consoles: RawConsole[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  await desk?.close();
  desk = null;
});

async function start(): Promise<Record<'olive' | 'lena', RawConsole>> {
  recording = createRecordingAdapters();
  desk = await startDesk({ olive: ['operator'], lena: ['lead'] }, { adapters: recording });
  const open = async (name: string) => {
    if (desk === null) throw new Error('no desk');
    const c = await connectConsole(desk.hub, await loginAs(desk.hub, name));
    consoles.push(c);
    return c;
  };
  return { olive: await open('olive'), lena: await open('lena') };
}

const appeal = () =>
  draftInput({
    templateId: 'missing-appeal',
    image: { name: 'appeal.png', mime: 'image/png', alt: 'Photo of Sam', base64: TINY_PNG_BASE64 },
  });

/** The broadcast once this console has received version `version` of it. */
const version = (c: RawConsole, id: string, v: number): Promise<Broadcast> =>
  c.waitFor(() => {
    const b = latestBroadcast(c, id);
    return b !== null && b.version === v ? b : null;
  });

const storedAlt = (id: string): string | undefined =>
  hubRows<{ alt: string }>(desk?.dir ?? '', 'SELECT alt FROM broadcast_media WHERE id = ?', id)[0]?.alt;

describe('describing the photo a broadcast keeps', () => {
  it('a new description without the file again is stored, goes back for approval and is published', async () => {
    const { olive, lena } = await start();
    const draft = appeal();
    await accept(olive, draft);
    const first = await version(olive, draft.broadcastId, 1);
    const photo = first.image;
    if (photo === null) throw new Error('no photo');

    const { image: _file, ...withoutFile } = draft;
    await accept(olive, {
      ...withoutFile,
      imageAlt: { imageId: photo.id, alt: '  Sam, 14, in a red coat and black trainers ' },
    });
    const second = await version(olive, draft.broadcastId, 2);
    expect(second.image).toMatchObject({
      name: 'appeal.png',
      mime: 'image/png',
      bytes: photo.bytes,
      alt: 'Sam, 14, in a red coat and black trainers',
    });
    // The photo stored for version 1 is left as it was; version 2 has its own copy.
    expect(second.image?.id).not.toBe(photo.id);
    expect(storedAlt(photo.id)).toBe('Photo of Sam');
    expect(storedAlt(second.image?.id ?? '')).toBe('Sam, 14, in a red coat and black trainers');

    await accept(olive, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    await accept(lena, approveInput(draft.broadcastId));
    await lena.waitFor(() => channelOf(latestBroadcast(lena, draft.broadcastId), 'x')?.state === 'published');
    expect(recording.posts).toHaveLength(3);
    for (const p of recording.posts) {
      expect(p.post.image?.alt).toBe('Sam, 14, in a red coat and black trainers');
      expect(Buffer.from(p.post.image?.bytes ?? []).toString('base64')).toBe(TINY_PNG_BASE64);
    }
  });

  it('a save without a description (an older console) keeps the photo and its description', async () => {
    const { olive } = await start();
    const draft = appeal();
    await accept(olive, draft);
    const photo = (await version(olive, draft.broadcastId, 1)).image;
    const { image: _file, ...withoutFile } = draft;
    await accept(olive, { ...withoutFile, textEn: `${draft.textEn} Call 101.` });
    expect((await version(olive, draft.broadcastId, 2)).image).toEqual(photo);
  });

  it('refuses a description when there is no photo, when the photo was replaced, or sent with a new file', async () => {
    const { olive, lena } = await start();
    const bare = draftInput();
    await accept(olive, bare);
    const noPhoto = ack(await olive.submit({ ...bare, imageAlt: { imageId: 'gone-image', alt: 'A map' } }));
    expect(noPhoto).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(noPhoto.outcome === 'rejected' && noPhoto.reason).toMatch(/no photo to describe/);

    const draft = appeal();
    await accept(olive, draft);
    const photo = (await version(olive, draft.broadcastId, 1)).image;
    if (photo === null) throw new Error('no photo');
    // A lead replaces the photo; Olive's description was written for the old one.
    await accept(lena, {
      ...draft,
      image: { name: 'newer.png', mime: 'image/png', alt: 'Newer photo of Sam', base64: TINY_PNG_BASE64 },
    });
    const { image: _file, ...withoutFile } = draft;
    const replaced = ack(
      await olive.submit({ ...withoutFile, imageAlt: { imageId: photo.id, alt: 'Sam in a red coat' } }),
    );
    expect(replaced).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(replaced.outcome === 'rejected' && replaced.reason).toMatch(/photo was replaced/);

    const both = ack(await olive.submit({ ...draft, imageAlt: { imageId: photo.id, alt: 'Sam' } }));
    expect(both).toMatchObject({ outcome: 'rejected', code: 'invalid' });

    const now = await version(olive, draft.broadcastId, 2);
    expect(now.image).toMatchObject({ name: 'newer.png', alt: 'Newer photo of Sam' });
    expect(latestBroadcast(olive, bare.broadcastId)?.version).toBe(1);
  });
});
