import { describe, expect, it } from 'vitest';
import { applyToBroadcast } from '../../../../src/engine/cache/optimistic';
import type { Broadcast, Operation } from '../../../../src/shared/protocol';
import { TINY_PNG_BASE64 } from '../../hub/broadcasts/support';
import { CONSOLE_ID, T0 } from '../fixtures';

const OP_ID = '6f1c2b8e-0a47-4b8e-9d2a-3c5e7f901234';

const photo = {
  id: 'op-1-image',
  name: 'sam.png',
  mime: 'image/png',
  bytes: 70,
  alt: 'Photo of Sam',
} as const;

const cached: Broadcast = {
  id: 'b-1',
  templateId: 'missing-appeal',
  title: 'Missing: Sam',
  textEn: 'MISSING: Sam',
  textCy: 'AR GOLL: Sam',
  channels: ['facebook', 'x'],
  image: photo,
  authorId: 'op-a',
  editors: ['op-a'],
  status: 'draft',
  version: 1,
  publishAt: null,
  approvedBy: null,
  approvedAt: null,
  emergency: false,
  signedOffBy: null,
  signedOffAt: null,
  channelStatus: [],
  versions: [],
  history: [],
  createdAt: T0,
  updatedAt: T0,
};

const save = (extra: Partial<Extract<Operation, { type: 'broadcast-save' }>> = {}): Operation => ({
  opId: OP_ID,
  consoleId: CONSOLE_ID,
  consoleSeq: 1,
  seenSeq: 0,
  createdAt: T0 + 1000,
  type: 'broadcast-save',
  broadcastId: 'b-1',
  templateId: 'missing-appeal',
  title: 'Missing: Sam (update)',
  textEn: 'MISSING: Sam, 14',
  textCy: 'AR GOLL: Sam, 14',
  channels: ['x'],
  ...extra,
});

describe('the forecast of a broadcast save', () => {
  it('shows the kept photo under its new description and the id the hub will give it', () => {
    const b = applyToBroadcast(cached, save({ imageAlt: { imageId: photo.id, alt: 'Sam in a red coat' } }));
    expect(b).toMatchObject({ title: 'Missing: Sam (update)', textEn: 'MISSING: Sam, 14', channels: ['x'] });
    expect(b.image).toEqual({ ...photo, id: `${OP_ID}-image`, alt: 'Sam in a red coat' });
    // The hub's row has arrived (the photo carries this save's id): nothing more to do.
    expect(applyToBroadcast(b, save({ imageAlt: { imageId: photo.id, alt: 'Sam in a red coat' } }))).toEqual(
      b,
    );
  });

  it('leaves a photo alone when the description was written for another one (the hub refuses it)', () => {
    const b = applyToBroadcast(cached, save({ imageAlt: { imageId: 'older-image', alt: 'Someone else' } }));
    expect(b.image).toEqual(photo);
  });

  it('shows a new file with its size, and a removed photo as gone; a save of another broadcast changes nothing', () => {
    const upload = { name: 'new.png', mime: 'image/png' as const, alt: 'Sam', base64: TINY_PNG_BASE64 };
    expect(applyToBroadcast(cached, save({ image: upload })).image).toEqual({
      id: `${OP_ID}-image`,
      name: 'new.png',
      mime: 'image/png',
      bytes: Buffer.from(TINY_PNG_BASE64, 'base64').length,
      alt: 'Sam',
    });
    expect(applyToBroadcast(cached, save({ image: null })).image).toBeNull();
    expect(applyToBroadcast(cached, save({ broadcastId: 'b-2' }))).toBe(cached);
  });
});
