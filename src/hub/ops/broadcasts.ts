import { isLead, type Operator } from '../../shared/domain';
import type { Platform } from '../../shared/domain';
import { broadcastProblems, problemText } from '../../shared/broadcasts/rules';
import {
  MAX_BROADCAST_IMAGE_BYTES,
  type BroadcastEvent,
  type BroadcastImageUpload,
  type Operation,
} from '../../shared/protocol';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import {
  channelsOf,
  getBroadcastCore,
  getChannel,
  getMedia,
  putMedia,
  saveBroadcastCore,
  saveChannel,
  statusToRun,
  type BroadcastCore,
  type ChannelRow,
} from '../db/broadcasts';
import { getDeskAlert } from '../db/desk-alerts';
import { logBroadcast, putDeskAlert } from '../broadcasts/record';
import { ACCEPTED, rejected, type OpOutcome } from './outcome';

type BroadcastOp = Extract<
  Operation,
  {
    type:
      | 'broadcast-save'
      | 'broadcast-submit'
      | 'broadcast-approve'
      | 'broadcast-reject'
      | 'broadcast-emergency-publish'
      | 'broadcast-sign-off'
      | 'broadcast-retry'
      | 'broadcast-retract'
      | 'desk-alert-send'
      | 'desk-alert-ack'
      | 'desk-alert-cancel';
  }
>;

interface Scope {
  readonly ctx: HubContext;
  readonly actor: Operator;
  readonly op: BroadcastOp;
  readonly now: number;
}

/** The author and everyone who wrote the current version count as its writers. */
const wrote = (b: BroadcastCore, operatorId: string): boolean =>
  b.authorId === operatorId || b.editors.includes(operatorId);

const event = (
  scope: Scope,
  b: BroadcastCore,
  kind: BroadcastEvent['kind'],
  comment = '',
  channel: Platform | null = null,
): BroadcastEvent => ({ kind, by: scope.actor.id, at: scope.now, version: b.version, channel, comment });

function store(scope: Scope, core: BroadcastCore, detail: Record<string, unknown>): void {
  const { db } = scope.ctx;
  saveBroadcastCore(db, { ...core, updatedAt: scope.now });
  logBroadcast(db, scope.now, core.id);
  appendAudit(db, {
    at: scope.now,
    actorId: scope.actor.id,
    action: `broadcast.${scope.op.type.replace(/^broadcast-/, '')}`,
    subjectId: core.id,
    detail: { opId: scope.op.opId, version: core.version, status: core.status, ...detail },
  });
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((value, i) => bytes[i] === value);

/** The image's bytes must be what its type says: a renamed file is refused here too. */
function decodeImage(upload: BroadcastImageUpload): Uint8Array | string {
  const bytes = new Uint8Array(Buffer.from(upload.base64, 'base64'));
  if (bytes.length === 0) return 'The image is empty.';
  if (bytes.length > MAX_BROADCAST_IMAGE_BYTES)
    return `The image is larger than ${Math.round(MAX_BROADCAST_IMAGE_BYTES / 1024)} KB.`;
  const ok = upload.mime === 'image/png' ? startsWith(bytes, PNG) : startsWith(bytes, JPEG);
  return ok ? bytes : `The file is not a ${upload.mime === 'image/png' ? 'PNG' : 'JPEG'} image.`;
}

/** Stops channels that were only scheduled: a new version needs approving again first. */
function unschedule(scope: Scope, id: string): void {
  for (const row of channelsOf(scope.ctx.db, id)) {
    if (row.state !== 'scheduled' || row.claimId !== null) continue;
    saveChannel(scope.ctx.db, {
      ...row,
      state: row.posts.length > 0 ? 'published' : 'idle',
      action: null,
      dueAt: null,
      updatedAt: scope.now,
    });
  }
}

/**
 * Why a new description for the kept photo cannot be applied, or null when it can. It is
 * refused rather than dropped: the operator believes the photo now carries their words, and
 * a save from an offline console may arrive after someone else replaced or removed it.
 */
function describeProblem(
  existing: BroadcastCore | null,
  op: Extract<BroadcastOp, { type: 'broadcast-save' }>,
): OpOutcome | null {
  if (op.imageAlt === undefined) return null;
  if (op.image !== undefined)
    return rejected(
      'invalid',
      'A new photo carries its own description; a description on its own is for the photo kept.',
    );
  const current = existing?.image ?? null;
  if (current === null)
    return rejected(
      'conflict',
      'This broadcast has no photo to describe (it may have been removed meanwhile). Choose the photo again with its description.',
    );
  if (current.id !== op.imageAlt.imageId)
    return rejected(
      'conflict',
      'The photo was replaced after you wrote its description. Check the new photo and describe it again.',
    );
  return null;
}

/**
 * The kept photo under a new description. A stored photo never changes once saved (a post
 * in flight reads it while the lead's approval stands for what it was), so the bytes are
 * stored again with the new description under this save's own id.
 */
function redescribe(
  scope: Scope,
  broadcastId: string,
  image: NonNullable<BroadcastCore['image']>,
  alt: string,
): NonNullable<BroadcastCore['image']> | null {
  const media = getMedia(scope.ctx.db, image.id);
  if (media === null) return null;
  const id = `${scope.op.opId}-image`;
  putMedia(scope.ctx.db, broadcastId, { ...media, id, alt }, scope.now);
  return { ...image, id, alt };
}

function save(scope: Scope, op: Extract<BroadcastOp, { type: 'broadcast-save' }>): OpOutcome {
  const { db } = scope.ctx;
  const existing = getBroadcastCore(db, op.broadcastId);
  if (existing !== null && !wrote(existing, scope.actor.id) && !isLead(scope.actor))
    return rejected('forbidden', 'Only its author or a shift lead can change this broadcast.');
  if (existing?.status === 'retracted')
    return rejected('conflict', 'This broadcast was retracted; start a new one.');
  const describing = describeProblem(existing, op);
  if (describing !== null) return describing;
  let image = existing?.image ?? null;
  if (op.image === null) image = null;
  if (op.image !== undefined && op.image !== null) {
    const bytes = decodeImage(op.image);
    if (typeof bytes === 'string') return rejected('invalid', bytes);
    if (existing === null) {
      // The media row refers to the broadcast, so the broadcast row must exist first.
      saveBroadcastCore(db, draft(scope, op, null));
    }
    const id = `${op.opId}-image`;
    putMedia(
      db,
      op.broadcastId,
      { id, name: op.image.name, mime: op.image.mime, alt: op.image.alt, data: bytes },
      scope.now,
    );
    image = { id, name: op.image.name, mime: op.image.mime, bytes: bytes.length, alt: op.image.alt };
  }
  // The same description again changes nothing, and stores no second copy of the photo.
  if (op.imageAlt !== undefined && image !== null && op.imageAlt.alt !== image.alt) {
    const described = redescribe(scope, op.broadcastId, image, op.imageAlt.alt);
    if (described === null)
      return rejected('conflict', 'The stored photo is missing; choose the photo again.');
    image = described;
  }
  if (existing === null) {
    const created = draft(scope, op, image);
    store(scope, created, { templateId: op.templateId, channels: op.channels, image: image?.id ?? null });
    return ACCEPTED;
  }
  const version = existing.version + 1;
  // Approval covers one version: any change goes back through a second pair of eyes.
  if (existing.status === 'approved') unschedule(scope, existing.id);
  const next: BroadcastCore = {
    ...existing,
    templateId: op.templateId,
    title: op.title,
    textEn: op.textEn,
    textCy: op.textCy,
    channels: [...new Set(op.channels)],
    image,
    status: 'draft',
    version,
    editors:
      existing.status === 'approved' ? [scope.actor.id] : [...new Set([...existing.editors, scope.actor.id])],
    approvedBy: existing.status === 'approved' ? existing.approvedBy : null,
    versions: [
      ...existing.versions,
      { version, textEn: op.textEn, textCy: op.textCy, editedBy: scope.actor.id, at: scope.now },
    ],
    history: [...existing.history, { ...event(scope, existing, 'edited'), version }],
  };
  store(scope, next, { channels: next.channels, image: image?.id ?? null });
  return ACCEPTED;
}

function draft(
  scope: Scope,
  op: Extract<BroadcastOp, { type: 'broadcast-save' }>,
  image: BroadcastCore['image'],
): BroadcastCore {
  return {
    id: op.broadcastId,
    templateId: op.templateId,
    title: op.title,
    textEn: op.textEn,
    textCy: op.textCy,
    channels: [...new Set(op.channels)],
    image,
    authorId: scope.actor.id,
    editors: [scope.actor.id],
    status: 'draft',
    version: 1,
    publishAt: null,
    approvedBy: null,
    approvedAt: null,
    emergency: false,
    signedOffBy: null,
    signedOffAt: null,
    versions: [{ version: 1, textEn: op.textEn, textCy: op.textCy, editedBy: scope.actor.id, at: scope.now }],
    history: [{ kind: 'created', by: scope.actor.id, at: scope.now, version: 1, channel: null, comment: '' }],
    createdAt: scope.now,
    updatedAt: scope.now,
  };
}

function readyProblem(b: BroadcastCore): OpOutcome | null {
  const problems = broadcastProblems(b);
  if (problems.length === 0) return null;
  return rejected('invalid', problems.map((p) => problemText[p]).join(' '));
}

/** Queues each chosen channel to publish (or update what it already has) at `dueAt`. */
function schedule(scope: Scope, b: BroadcastCore, dueAt: number): void {
  const { db } = scope.ctx;
  const existing = new Map(channelsOf(db, b.id).map((row) => [row.channel, row]));
  for (const channel of b.channels) {
    const row = existing.get(channel);
    const live = row !== undefined && row.posts.length > 0;
    saveChannel(db, {
      broadcastId: b.id,
      channel,
      state: 'scheduled',
      action: live ? 'update' : 'publish',
      dueAt,
      claimId: row?.claimId ?? null,
      claimedAt: row?.claimedAt ?? null,
      posts: row?.posts ?? [],
      publishedVersion: row?.publishedVersion ?? null,
      attempts: 0,
      lastError: null,
      updatedAt: scope.now,
    });
  }
  // A channel taken out of the broadcast comes down.
  for (const row of existing.values()) {
    if (b.channels.includes(row.channel) || row.posts.length === 0) continue;
    saveChannel(db, {
      ...row,
      state: 'retracting',
      action: 'retract',
      dueAt: scope.now,
      attempts: 0,
      lastError: null,
      updatedAt: scope.now,
    });
  }
}

function withBroadcast(scope: Scope, id: string, fn: (b: BroadcastCore) => OpOutcome): OpOutcome {
  const b = getBroadcastCore(scope.ctx.db, id);
  return b === null ? rejected('not-found', `No broadcast ${id}.`) : fn(b);
}

/**
 * A lead's decision stands for the version they read. One made offline, or in a window left
 * open, must not pass a version written after it: nobody reviewed that text.
 */
function decidingOn(
  scope: Scope,
  op: { broadcastId: string; version?: number | undefined },
  fn: (b: BroadcastCore) => OpOutcome,
): OpOutcome {
  return withBroadcast(scope, op.broadcastId, (b) =>
    op.version !== undefined && op.version !== b.version
      ? rejected(
          'conflict',
          `This broadcast changed after you read it: you read version ${String(op.version)}, it is now version ${String(b.version)}. Read it again before you decide.`,
        )
      : fn(b),
  );
}

function submit(scope: Scope, b: BroadcastCore): OpOutcome {
  if (!wrote(b, scope.actor.id) && !isLead(scope.actor))
    return rejected('forbidden', 'Only its author or a shift lead can submit this broadcast.');
  if (b.status === 'pending') return ACCEPTED;
  if (b.status !== 'draft' && b.status !== 'rejected')
    return rejected('conflict', `This broadcast is ${b.status}; edit it to make a new version first.`);
  const problem = readyProblem(b);
  if (problem !== null) return problem;
  store(scope, { ...b, status: 'pending', history: [...b.history, event(scope, b, 'submitted')] }, {});
  return ACCEPTED;
}

/**
 * Schedules `b` to publish at `due` and stores it approved by the actor: a lead's approval
 * and an emergency publication differ only in `how`.
 */
function storeApproved(
  scope: Scope,
  b: BroadcastCore,
  how: { due: number; emergency: boolean; editors: string[]; comment: string },
  detail: Record<string, unknown>,
): OpOutcome {
  schedule(scope, b, how.due);
  store(
    scope,
    {
      ...b,
      status: 'approved',
      approvedBy: scope.actor.id,
      approvedAt: scope.now,
      publishAt: how.due,
      emergency: how.emergency,
      signedOffBy: null,
      signedOffAt: null,
      editors: how.editors,
      history: [
        ...b.history,
        event(scope, b, how.emergency ? 'emergency-published' : 'approved', how.comment),
      ],
    },
    detail,
  );
  return ACCEPTED;
}

function approve(scope: Scope, b: BroadcastCore, comment: string, publishAt: number | null): OpOutcome {
  if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can approve broadcasts.');
  if (b.status !== 'pending')
    return rejected('conflict', `This broadcast is ${b.status}, not waiting for approval.`);
  if (wrote(b, scope.actor.id))
    return rejected(
      'forbidden',
      'Two-person rule: you wrote this version, so another lead must approve it (or publish it as an emergency).',
    );
  const problem = readyProblem(b);
  if (problem !== null) return problem;
  const due = publishAt === null || publishAt < scope.now ? scope.now : publishAt;
  return storeApproved(
    scope,
    b,
    { due, emergency: false, editors: [], comment },
    { publishAt: due, comment },
  );
}

function reject(scope: Scope, b: BroadcastCore, comment: string): OpOutcome {
  if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can reject broadcasts.');
  if (b.status !== 'pending')
    return rejected('conflict', `This broadcast is ${b.status}, not waiting for approval.`);
  if (wrote(b, scope.actor.id))
    return rejected('forbidden', 'Two-person rule: another lead must review a broadcast you wrote.');
  store(
    scope,
    { ...b, status: 'rejected', history: [...b.history, event(scope, b, 'rejected', comment)] },
    { comment },
  );
  return ACCEPTED;
}

function emergencyPublish(scope: Scope, b: BroadcastCore, comment: string): OpOutcome {
  if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can publish without approval.');
  if (b.status === 'approved' || b.status === 'retracted')
    return rejected('conflict', `This broadcast is already ${b.status}.`);
  const problem = readyProblem(b);
  if (problem !== null) return problem;
  return storeApproved(
    scope,
    b,
    {
      due: scope.now,
      emergency: true,
      // Kept so the sign-off can tell who wrote it: they may not sign it off either.
      editors: [...new Set([...b.editors, scope.actor.id])],
      comment,
    },
    { comment, emergency: true },
  );
}

function signOff(scope: Scope, b: BroadcastCore, comment: string): OpOutcome {
  if (!isLead(scope.actor))
    return rejected('forbidden', 'Only shift leads can sign off an emergency broadcast.');
  if (!b.emergency || b.signedOffBy !== null)
    return rejected('conflict', 'This broadcast is not waiting for an emergency sign-off.');
  // The sign-off is a second lead's look at what went out without one. Once edited, the
  // broadcast is a new version not yet approved: signing now would record a review of
  // text that was never published, and leave the published version unreviewed.
  if (b.status !== 'approved')
    return rejected(
      'conflict',
      'This broadcast was edited after its emergency publication: the new version needs approval before a sign-off.',
    );
  if (b.approvedBy === scope.actor.id || wrote(b, scope.actor.id))
    return rejected('forbidden', 'Two-person rule: a different lead must sign off this emergency broadcast.');
  store(
    scope,
    {
      ...b,
      signedOffBy: scope.actor.id,
      signedOffAt: scope.now,
      history: [...b.history, event(scope, b, 'signed-off', comment)],
    },
    { comment },
  );
  return ACCEPTED;
}

function retry(scope: Scope, b: BroadcastCore, channel: Platform): OpOutcome {
  if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can retry publishing.');
  const row = getChannel(scope.ctx.db, b.id, channel);
  if (row === null) return rejected('not-found', `This broadcast has no ${channel} channel.`);
  if (row.state !== 'failed' && row.state !== 'uncertain')
    return rejected(
      'conflict',
      `The ${channel} channel is ${row.state}; only a failed channel can be retried.`,
    );
  const action =
    row.action ?? (b.status === 'retracted' ? 'retract' : row.posts.length > 0 ? 'update' : 'publish');
  // The publisher posts the current text: retrying an edited, unapproved version would put
  // it in public.
  if (b.status !== statusToRun(action))
    return rejected(
      'conflict',
      action === 'retract'
        ? 'Cannot retry the retraction: the broadcast is no longer retracted.'
        : `Cannot retry publishing: this version is ${b.status}, not approved. A lead who did not write it must approve it first.`,
    );
  saveChannel(scope.ctx.db, {
    ...row,
    state: action === 'retract' ? 'retracting' : 'scheduled',
    action,
    dueAt: scope.now,
    attempts: 0,
    updatedAt: scope.now,
    // The lead retries after looking at the page, as the channel asked.
    unsurePost: false,
  });
  store(
    scope,
    { ...b, history: [...b.history, event(scope, b, 'retried', '', channel)] },
    { channel, action },
  );
  return ACCEPTED;
}

function retract(scope: Scope, b: BroadcastCore, comment: string): OpOutcome {
  if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can retract broadcasts.');
  if (b.status === 'retracted') return ACCEPTED;
  const { db } = scope.ctx;
  for (const row of channelsOf(db, b.id)) {
    // A publish in flight now (its post has no id here yet) or one whose outcome is unknown
    // may have put up a post this retraction cannot name: it ends as "check the page" unless
    // the publish turns out to have saved its post (which the retraction then takes down).
    const postInFlight = row.claimId !== null && row.action !== 'retract';
    const unsurePost = row.unsurePost === true || row.state === 'uncertain' || postInFlight;
    const mayBeLive = row.posts.length > 0 || row.claimId !== null || unsurePost;
    saveChannel(db, {
      ...row,
      state: mayBeLive ? 'retracting' : 'idle',
      action: mayBeLive ? 'retract' : null,
      dueAt: mayBeLive ? scope.now : null,
      attempts: 0,
      lastError: null,
      updatedAt: scope.now,
      unsurePost,
    });
  }
  store(
    scope,
    { ...b, status: 'retracted', history: [...b.history, event(scope, b, 'retracted', comment)] },
    { comment },
  );
  return ACCEPTED;
}

function auditAlert(scope: Scope, alertId: string, detail: Record<string, unknown>): void {
  appendAudit(scope.ctx.db, {
    at: scope.now,
    actorId: scope.actor.id,
    action: scope.op.type.replace(/^desk-alert-/, 'desk-alert.'),
    subjectId: alertId,
    detail: { opId: scope.op.opId, ...detail },
  });
}

function alertOp(scope: Scope): OpOutcome {
  const { op } = scope;
  const { db } = scope.ctx;
  switch (op.type) {
    case 'desk-alert-send': {
      if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can alert the desk.');
      if (op.expiresAt <= scope.now) return rejected('invalid', 'The alert would expire before it is seen.');
      if (getDeskAlert(db, op.alertId) !== null) return rejected('conflict', 'This alert was already sent.');
      putDeskAlert(db, scope.now, {
        id: op.alertId,
        text: op.text,
        severity: op.severity,
        createdBy: scope.actor.id,
        createdAt: scope.now,
        expiresAt: op.expiresAt,
        cancelledAt: null,
        acks: [],
      });
      auditAlert(scope, op.alertId, { severity: op.severity, expiresAt: op.expiresAt, text: op.text });
      return ACCEPTED;
    }
    case 'desk-alert-ack': {
      const alert = getDeskAlert(db, op.alertId);
      if (alert === null) return rejected('not-found', `No desk alert ${op.alertId}.`);
      if (alert.acks.some((a) => a.operatorId === scope.actor.id)) return ACCEPTED;
      putDeskAlert(db, scope.now, {
        ...alert,
        acks: [...alert.acks, { operatorId: scope.actor.id, at: scope.now }],
      });
      auditAlert(scope, op.alertId, {});
      return ACCEPTED;
    }
    case 'desk-alert-cancel': {
      if (!isLead(scope.actor)) return rejected('forbidden', 'Only shift leads can withdraw a desk alert.');
      const alert = getDeskAlert(db, op.alertId);
      if (alert === null) return rejected('not-found', `No desk alert ${op.alertId}.`);
      if (alert.cancelledAt !== null) return ACCEPTED;
      putDeskAlert(db, scope.now, { ...alert, cancelledAt: scope.now });
      auditAlert(scope, op.alertId, {});
      return ACCEPTED;
    }
    default:
      return rejected('invalid', `Not a desk alert operation: ${op.type}.`);
  }
}

/** Applies one broadcast or desk-alert operation inside the caller's transaction. */
export function applyBroadcastOperation(
  ctx: HubContext,
  actor: Operator,
  op: BroadcastOp,
  now: number,
): OpOutcome {
  const scope: Scope = { ctx, actor, op, now };
  switch (op.type) {
    case 'broadcast-save':
      return save(scope, op);
    case 'broadcast-submit':
      return withBroadcast(scope, op.broadcastId, (b) => submit(scope, b));
    case 'broadcast-approve':
      return decidingOn(scope, op, (b) => approve(scope, b, op.comment, op.publishAt));
    case 'broadcast-reject':
      return decidingOn(scope, op, (b) => reject(scope, b, op.comment));
    case 'broadcast-emergency-publish':
      return decidingOn(scope, op, (b) => emergencyPublish(scope, b, op.comment));
    case 'broadcast-sign-off':
      return decidingOn(scope, op, (b) => signOff(scope, b, op.comment));
    case 'broadcast-retry':
      return withBroadcast(scope, op.broadcastId, (b) => retry(scope, b, op.channel));
    case 'broadcast-retract':
      return withBroadcast(scope, op.broadcastId, (b) => retract(scope, b, op.comment));
    case 'desk-alert-send':
    case 'desk-alert-ack':
    case 'desk-alert-cancel':
      return alertOp(scope);
  }
}

export type { BroadcastOp, ChannelRow };
