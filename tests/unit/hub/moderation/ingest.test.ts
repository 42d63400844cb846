import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingAdapters, type RecordingAdapters } from '../../../../src/hub/adapters/recording';
import { PROFANITY_FILE } from '../../../../src/hub/moderation/profanity-file';
import {
  connectConsole,
  loginAs,
  metaCommentPayload,
  postMeta,
  startDesk,
  waitUntil,
  type DeskFixture,
  type RawConsole,
} from '../helpers';
import { auditRows, commentMessage, latestModeration } from './fixtures';

let desk: DeskFixture;
let adapters: RecordingAdapters;
let alice: RawConsole;

beforeAll(async () => {
  adapters = createRecordingAdapters();
  desk = await startDesk({ alice: ['operator'] }, { adapters });
  alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
});

afterAll(async () => {
  alice.close();
  await desk.close();
});

async function comment(text: string) {
  const commentId = `PAGE1_POST1_${randomUUID().slice(0, 8)}`;
  const response = await postMeta(
    desk.hub,
    metaCommentPayload({ fromId: `fb-${randomUUID()}`, commentId, text }),
  );
  expect(response.status).toBe(200);
  return { commentId, ...(await commentMessage(alice, commentId)) };
}

const hidesOf = (commentId: string) =>
  adapters.moderated.filter((m) => m.call === 'hide' && m.target.commentId === commentId);

describe('comments are checked as they arrive', () => {
  it('hides English profanity at once, lists it for review and tells Facebook', async () => {
    const c = await comment('This is a load of shit, sort the traffic lights out');
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m).toMatchObject({
      state: 'hidden',
      review: 'pending',
      autoHidden: true,
      lastAction: 'hide',
      reason: 'obscene',
      actorId: null,
    });
    expect(m.flags).toContain('profanity');
    await waitUntil(() => hidesOf(c.commentId).length === 1);
    expect(hidesOf(c.commentId)[0]?.target).toEqual({ commentId: c.commentId, accountId: 'PAGE1' });
    const audit = auditRows(desk.dir, 'moderation.auto-hide').filter((a) => a.subjectId === c.messageId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBeNull();
    expect(audit[0]?.detail).toMatchObject({ reason: 'obscene', commentId: c.commentId });
    await alice.waitFor(() => latestModeration(alice, c.messageId)?.platformSync === 'done');
  });

  it('hides Welsh profanity too', async () => {
    const c = await comment('Gwasanaeth cachu eto heddiw, does neb yn ateb y ffôn');
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m.state).toBe('hidden');
    expect(m.autoHidden).toBe(true);
    await waitUntil(() => hidesOf(c.commentId).length === 1);
  });

  it('leaves an ordinary comment alone', async () => {
    const c = await comment('Lovely photo of the new police horses, thank you');
    // Another comment after it proves the hub has dealt with the first one.
    const later = await comment('What a load of bollocks this closure is');
    await alice.waitFor(() => latestModeration(alice, later.messageId));
    expect(latestModeration(alice, c.messageId)).toBeUndefined();
    expect(hidesOf(c.commentId)).toHaveLength(0);
  });

  it('flags personal details for hiding, with the polite explanation offered', async () => {
    const c = await comment('Ring me on 07700 900123 about the car that was taken from outside');
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m).toMatchObject({
      state: 'visible',
      review: 'pending',
      autoHidden: false,
      suggestedReason: 'personal-details',
      suggestedCanned: 'personal-details-hidden',
    });
    expect(m.flags).toContain('personal-details');
    expect(hidesOf(c.commentId)).toHaveLength(0);
    expect(auditRows(desk.dir, 'moderation.flag').filter((a) => a.subjectId === c.messageId)).toHaveLength(1);
  });

  it('offers "message us privately or ring 101" for a crime reported in a comment', async () => {
    const c = await comment('Someone smashed my car window on the high street last night and took my bag');
    const m = await alice.waitFor(() => latestModeration(alice, c.messageId));
    expect(m.flags).toContain('crime-in-comment');
    expect(m.suggestedCanned).toBe('crime-in-comment');
    expect(m.state).toBe('visible');
  });

  it('uses the editable word lists in the data directory', async () => {
    writeFileSync(join(desk.dir, PROFANITY_FILE), JSON.stringify({ en: ['plonker'] }));
    const custom = await comment('The driver who cut me up was a total plonker');
    expect((await alice.waitFor(() => latestModeration(alice, custom.messageId))).state).toBe('hidden');
    // The English list was replaced, so a word only the default list has is no longer hidden;
    // the Welsh list was not given and keeps its defaults.
    const before = await comment('Absolute shit service again today');
    const welsh = await comment('Mae’r ffycin goleuadau traffig wedi torri eto');
    await alice.waitFor(() => latestModeration(alice, welsh.messageId)?.state === 'hidden');
    expect(latestModeration(alice, before.messageId)?.autoHidden ?? false).toBe(false);
  });

  it('keeps the last good lists when the file is broken', async () => {
    writeFileSync(join(desk.dir, PROFANITY_FILE), '{ "en": [ "plonker", ');
    const c = await comment('Another plonker on the bypass this morning');
    expect((await alice.waitFor(() => latestModeration(alice, c.messageId))).state).toBe('hidden');
  });
});
