import { afterEach, describe, expect, it } from 'vitest';
import { createRecordingAdapters, type RecordingAdapters } from '../../../../src/hub/adapters/recording';
import { connectConsole, loginAs, startDesk, type DeskFixture, type RawConsole } from '../helpers';
import {
  accept,
  approveInput,
  saveSubmitApprove,
  ack,
  channelOf,
  draftInput,
  hubRows,
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

async function start(): Promise<Record<'olive' | 'lena' | 'leo', RawConsole>> {
  recording = createRecordingAdapters();
  desk = await startDesk({ olive: ['operator'], lena: ['lead'], leo: ['lead'] }, { adapters: recording });
  const open = async (name: string) => {
    if (desk === null) throw new Error('no desk');
    const c = await connectConsole(desk.hub, await loginAs(desk.hub, name));
    consoles.push(c);
    return c;
  };
  return { olive: await open('olive'), lena: await open('lena'), leo: await open('leo') };
}

describe('broadcast approval (two-person rule at the hub)', () => {
  it('refuses an author approving their own broadcast; another lead may', async () => {
    const { lena, leo } = await start();
    const draft = draftInput();
    await accept(lena, draft);
    await accept(lena, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    const own = ack(await lena.submit(approveInput(draft.broadcastId)));
    expect(own).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(own.outcome === 'rejected' && own.reason).toMatch(/Two-person rule/);
    expect(recording.posts).toHaveLength(0);

    await accept(leo, approveInput(draft.broadcastId, 'OK'));
    await leo.waitFor(() => channelOf(latestBroadcast(leo, draft.broadcastId), 'x')?.state === 'published');
    const b = latestBroadcast(leo, draft.broadcastId);
    expect(b?.approvedBy).toBe(desk?.ids.leo);
    expect(b?.history.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['created', 'submitted', 'approved', 'channel-published']),
    );
    // Facebook: one bilingual post, Welsh first. X: one post per language.
    const fb = recording.posts.filter((p) => p.platform === 'facebook');
    expect(fb).toHaveLength(1);
    expect(fb[0]?.text.indexOf('FFORDD AR GAU')).toBe(0);
    expect(fb[0]?.text).toContain('ROAD CLOSURE');
    expect(recording.posts.filter((p) => p.platform === 'x').map((p) => p.post.part)).toEqual(['cy', 'en']);
    const audit = hubRows(desk?.dir ?? '', "SELECT action FROM audit WHERE action LIKE 'broadcast.%'") as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'broadcast.save',
        'broadcast.submit',
        'broadcast.approve',
        'broadcast.channel-published',
      ]),
    );
  });

  it('a lead who edited an operator’s draft cannot approve it either', async () => {
    const { olive, lena, leo } = await start();
    const draft = draftInput();
    await accept(olive, draft);
    await accept(lena, { ...draft, textEn: `${draft.textEn} Updated.` });
    await accept(olive, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    const byEditor = ack(await lena.submit(approveInput(draft.broadcastId)));
    expect(byEditor).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    const rejectedByLeo = ack(
      await leo.submit({
        type: 'broadcast-reject',
        broadcastId: draft.broadcastId,
        comment: 'Name the diversion.',
      }),
    );
    expect(rejectedByLeo.outcome).toBe('accepted');
    await leo.waitFor(() => latestBroadcast(leo, draft.broadcastId)?.status === 'rejected');
    expect(latestBroadcast(leo, draft.broadcastId)?.history.at(-1)).toMatchObject({
      kind: 'rejected',
      comment: 'Name the diversion.',
    });
  });

  it('an operator can draft and submit but cannot approve, publish, retry or retract', async () => {
    const { olive, lena } = await start();
    const draft = draftInput();
    await accept(olive, draft);
    await accept(olive, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    for (const input of [
      { type: 'broadcast-approve', broadcastId: draft.broadcastId, comment: '', publishAt: null },
      { type: 'broadcast-emergency-publish', broadcastId: draft.broadcastId, comment: 'urgent' },
      { type: 'broadcast-retry', broadcastId: draft.broadcastId, channel: 'x' },
      { type: 'broadcast-retract', broadcastId: draft.broadcastId, comment: 'gone' },
      {
        type: 'desk-alert-send',
        alertId: 'a1',
        text: 'hello',
        severity: 'info',
        expiresAt: Date.now() + 60_000,
      },
    ] as const) {
      expect(ack(await olive.submit(input))).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    }
    expect(latestBroadcast(lena, draft.broadcastId)?.status).toBe('pending');
    expect(recording.posts).toHaveLength(0);
  });

  it('refuses a broadcast without its Welsh text, for approval and for an emergency', async () => {
    const { olive, lena } = await start();
    const draft = draftInput({ textCy: '   ' });
    await accept(olive, draft);
    const submitted = ack(await olive.submit({ type: 'broadcast-submit', broadcastId: draft.broadcastId }));
    expect(submitted).toMatchObject({ outcome: 'rejected', code: 'invalid' });
    expect(submitted.outcome === 'rejected' && submitted.reason).toMatch(/Welsh text is missing/);
    const emergency = ack(
      await lena.submit({
        type: 'broadcast-emergency-publish',
        broadcastId: draft.broadcastId,
        comment: 'now',
      }),
    );
    expect(emergency).toMatchObject({ outcome: 'rejected', code: 'invalid' });
    expect(latestBroadcast(lena, draft.broadcastId)?.status).toBe('draft');
    expect(recording.posts).toHaveLength(0);
  });

  it('refuses an X post over 280 characters (links count 23)', async () => {
    const { olive } = await start();
    const long = `${'a'.repeat(260)} https://www.gwent.police.uk/some/very/long/path/to/an/appeal`;
    const draft = draftInput({ textEn: long });
    await accept(olive, draft);
    expect(
      ack(await olive.submit({ type: 'broadcast-submit', broadcastId: draft.broadcastId })),
    ).toMatchObject({
      outcome: 'rejected',
    });
    const fits = draftInput({
      textEn: `${'a'.repeat(255)} https://www.gwent.police.uk/some/very/long/path/to/an/appeal`,
    });
    await accept(olive, fits);
    expect(ack(await olive.submit({ type: 'broadcast-submit', broadcastId: fits.broadcastId })).outcome).toBe(
      'accepted',
    );
  });

  it('an emergency publication goes out at once and stays flagged until another lead signs it off', async () => {
    const { lena, leo } = await start();
    const draft = draftInput({ templateId: 'major-incident' });
    await accept(lena, draft);
    await accept(lena, {
      type: 'broadcast-emergency-publish',
      broadcastId: draft.broadcastId,
      comment: 'Motorway closed now',
    });
    await lena.waitFor(
      () => channelOf(latestBroadcast(lena, draft.broadcastId), 'facebook')?.state === 'published',
    );
    expect(latestBroadcast(lena, draft.broadcastId)).toMatchObject({ emergency: true, signedOffBy: null });
    expect(
      ack(await lena.submit({ type: 'broadcast-sign-off', broadcastId: draft.broadcastId, comment: '' })),
    ).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });
    await accept(leo, { type: 'broadcast-sign-off', broadcastId: draft.broadcastId, comment: 'Checked' });
    await leo.waitFor(() => latestBroadcast(leo, draft.broadcastId)?.signedOffBy === desk?.ids.leo);
  });

  it('signs off only the version that went out as an emergency, not a later edit', async () => {
    const { lena, leo } = await start();
    const draft = draftInput({ templateId: 'major-incident' });
    await accept(lena, draft);
    await accept(lena, {
      type: 'broadcast-emergency-publish',
      broadcastId: draft.broadcastId,
      comment: 'Motorway closed now',
    });
    // The same lead edits it: version 2 is a draft nobody has approved or published.
    await accept(lena, { ...draftInput({ templateId: 'major-incident' }), broadcastId: draft.broadcastId });
    await leo.waitFor(() => latestBroadcast(leo, draft.broadcastId)?.version === 2);
    expect(
      ack(
        await leo.submit({ type: 'broadcast-sign-off', broadcastId: draft.broadcastId, comment: 'Checked' }),
      ),
    ).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(latestBroadcast(leo, draft.broadcastId)).toMatchObject({ status: 'draft', signedOffBy: null });
  });

  it('a decision stands for the version the lead read: a newer one written meanwhile is not passed', async () => {
    const { olive, lena, leo } = await start();
    const draft = draftInput();
    await accept(olive, draft);
    await accept(olive, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    // Lena reads version 1 and approves it offline; meanwhile olive rewrites and resubmits.
    await accept(olive, { ...draft, textEn: `${draft.textEn} Diversion via the A470.` });
    await accept(olive, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
    await lena.waitFor(() => latestBroadcast(lena, draft.broadcastId)?.version === 2);
    for (const decision of [
      { ...approveInput(draft.broadcastId, 'OK'), version: 1 },
      { type: 'broadcast-reject', broadcastId: draft.broadcastId, version: 1, comment: 'No.' },
      { type: 'broadcast-emergency-publish', broadcastId: draft.broadcastId, version: 1, comment: 'Now.' },
    ] as const) {
      const answer = ack(await lena.submit(decision));
      expect(answer, decision.type).toMatchObject({ outcome: 'rejected', code: 'conflict' });
      expect(answer.outcome === 'rejected' && answer.reason).toMatch(
        /you read version 1, it is now version 2/,
      );
    }
    expect(latestBroadcast(lena, draft.broadcastId)).toMatchObject({ status: 'pending', version: 2 });
    expect(recording.posts).toHaveLength(0);

    // Read again, version 2 is approved; the emergency sign-off checks its version the same way.
    await accept(lena, { ...approveInput(draft.broadcastId, 'OK'), version: 2 });
    await lena.waitFor(() => latestBroadcast(lena, draft.broadcastId)?.status === 'approved');

    const urgent = draftInput({ templateId: 'major-incident' });
    await accept(lena, urgent);
    await accept(lena, {
      type: 'broadcast-emergency-publish',
      broadcastId: urgent.broadcastId,
      comment: 'Now',
    });
    await accept(lena, { ...urgent, textEn: `${urgent.textEn} Updated.` });
    await accept(lena, {
      type: 'broadcast-emergency-publish',
      broadcastId: urgent.broadcastId,
      version: 2,
      comment: 'Update',
    });
    await leo.waitFor(() => latestBroadcast(leo, urgent.broadcastId)?.version === 2);
    expect(
      ack(
        await leo.submit({
          type: 'broadcast-sign-off',
          broadcastId: urgent.broadcastId,
          version: 1,
          comment: 'Checked',
        }),
      ),
    ).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    await accept(leo, {
      type: 'broadcast-sign-off',
      broadcastId: urgent.broadcastId,
      version: 2,
      comment: 'Checked',
    });
  });

  it('stores an appeal photo at the hub and publishes it; a file that is not what it claims is refused', async () => {
    const { olive, lena } = await start();
    const fake = draftInput({
      image: {
        name: 'x.png',
        mime: 'image/png',
        alt: '',
        base64: Buffer.from('GIF89a-not-png').toString('base64'),
      },
    });
    const refused = ack(await olive.submit(fake));
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'invalid' });
    const draft = draftInput({
      templateId: 'missing-appeal',
      image: { name: 'appeal.png', mime: 'image/png', alt: 'Photo of Sam', base64: TINY_PNG_BASE64 },
    });
    await saveSubmitApprove(olive, lena, draft);
    await lena.waitFor(() => channelOf(latestBroadcast(lena, draft.broadcastId), 'x')?.state === 'published');
    const b = latestBroadcast(lena, draft.broadcastId);
    expect(b?.image).toMatchObject({
      name: 'appeal.png',
      mime: 'image/png',
      bytes: Buffer.from(TINY_PNG_BASE64, 'base64').length,
    });
    // The record carries no bytes; the adapters got the stored image.
    expect(JSON.stringify(b)).not.toContain(TINY_PNG_BASE64);
    expect(recording.posts).toHaveLength(3);
    for (const p of recording.posts)
      expect(Buffer.from(p.post.image?.bytes ?? []).toString('base64')).toBe(TINY_PNG_BASE64);
  });

  it('a desk alert reaches every console, records each acknowledgement once and reaches a console that was offline', async () => {
    const { olive, lena } = await start();
    const expiresAt = Date.now() + 60 * 60_000;
    await accept(lena, {
      type: 'desk-alert-send',
      alertId: 'alert-1',
      text: 'Major incident declared: M4 J24–J26 closed',
      severity: 'critical',
      expiresAt,
    });
    const seen = await olive.waitFor(() =>
      olive.batches
        .flatMap((b) => b.changes)
        .find((c) => c.entity === 'desk-alert' && c.data.id === 'alert-1'),
    );
    expect(seen).toBeTruthy();
    await accept(olive, { type: 'desk-alert-ack', alertId: 'alert-1' });
    await accept(olive, { type: 'desk-alert-ack', alertId: 'alert-1' });
    const acked = await lena.waitFor(() => {
      const last = lena.batches
        .flatMap((b) => b.changes)
        .filter((c) => c.entity === 'desk-alert')
        .at(-1);
      return last?.entity === 'desk-alert' && last.data.acks.length > 0 ? last.data : null;
    });
    expect(acked.acks.map((a) => a.operatorId)).toEqual([desk?.ids.olive]);

    // Leo was never connected: his first pull includes the alert.
    if (desk === null) throw new Error('no desk');
    const leo = await connectConsole(desk.hub, await loginAs(desk.hub, 'leo'));
    consoles.push(leo);
    const pulled = await leo.emitAck('sync:pull', { afterSeq: 0, limit: 1000 });
    expect(JSON.stringify(pulled)).toContain('Major incident declared');
  });
});
