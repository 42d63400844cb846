import {
  isLead,
  isCleared,
  mayWorkConversation,
  staffMessage,
  type Message,
  type Operator,
} from '../../shared/domain';
import type { Notice, Operation, OperationAck } from '../../shared/protocol';
import type { HubContext } from '../context';
import { findAppliedAck, recordAppliedOperation } from '../db/applied-operations';
import { appendAudit } from '../db/audit';
import { headSeq } from '../db/change-log';
import { getConversation, type HubConversation } from '../db/conversations';
import { enqueueDelivery } from '../db/deliveries';
import { getAccount, getOperator } from '../db/operators';
import { addMessage, addNotice, putConversation } from '../record';
import { applyModeration } from './moderation';
import { applyLeadOperation, recordActivity, setOwnStatus } from './leads';
import { applyBroadcastOperation } from './broadcasts';
import { setSlaPolicy } from './sla';
import { applyAccountOperation } from './accounts';
import { accepted, rejected, type OpOutcome } from './outcome';

interface Scope {
  readonly ctx: HubContext;
  readonly actor: Operator;
  readonly op: Operation;
  readonly now: number;
}

function holderName(scope: Scope, operatorId: string | null): string | null {
  if (operatorId === null) return null;
  return getOperator(scope.ctx.db, operatorId)?.name ?? operatorId;
}

/** Own or unassigned work for operators; anything for leads and admins. */
function mayWork(actor: Operator, conversation: HubConversation): boolean {
  return isLead(actor) || conversation.assigneeId === null || conversation.assigneeId === actor.id;
}

/**
 * Confidential conversations (intelligence, sexual offences) are worked only by staff cleared
 * to read them: someone who sees only "Confidential" cannot judge a claim, a reply or a
 * resolve. Releasing stays open to all (it may have turned confidential while they held
 * it), and leads move it to cleared staff with `reassign`.
 */
const notCleared = (verb: string): OpOutcome =>
  rejected(
    'forbidden',
    `Cannot ${verb}: it is confidential and you are not cleared for confidential work. A shift lead can move it to someone who is.`,
  );

/** The conversation changed hands after the operator last looked: their action is out of date. */
const movedSinceSeen = (scope: Scope, conversation: HubConversation): boolean =>
  conversation.assignedSeq > scope.op.seenSeq;

function refuse(scope: Scope, conversation: HubConversation, verb: string): OpOutcome {
  const holder = holderName(scope, conversation.assigneeId) ?? 'someone else';
  if (movedSinceSeen(scope, conversation)) {
    return rejected(
      'conflict',
      `Cannot ${verb}: the conversation was moved to ${holder} after you last saw it.`,
    );
  }
  return rejected('forbidden', `Cannot ${verb}: the conversation is held by ${holder}.`);
}

function notify(
  scope: Scope,
  operatorId: string,
  kind: Notice['kind'],
  conversationId: string | null,
  text: string,
): void {
  addNotice(scope.ctx.db, scope.now, {
    operatorId,
    kind,
    conversationId,
    text,
  });
}

function save(scope: Scope, conversation: HubConversation, assignmentChanged = false): void {
  putConversation(scope.ctx.db, scope.now, { ...conversation, updatedAt: scope.now }, { assignmentChanged });
}

function withConversation(
  scope: Scope,
  conversationId: string,
  fn: (c: HubConversation) => OpOutcome,
): OpOutcome {
  const conversation = getConversation(scope.ctx.db, conversationId);
  if (conversation === null) return rejected('not-found', `No conversation ${conversationId}.`);
  return fn(conversation);
}

function claim(scope: Scope, c: HubConversation): OpOutcome {
  if (!mayWorkConversation(scope.actor, c)) return notCleared('claim it');
  if (c.assigneeId === scope.actor.id) return accepted();
  // Holding a resolved conversation means nothing and hides it from the queue's counts.
  if (c.status === 'resolved')
    return rejected('conflict', 'Cannot claim it: it is resolved. Reopen it first.');
  if (c.assigneeId !== null) {
    return rejected('conflict', `Already claimed by ${holderName(scope, c.assigneeId) ?? 'someone else'}.`);
  }
  save(scope, { ...c, assigneeId: scope.actor.id, leaseExpiresAt: null }, true);
  return accepted();
}

function release(scope: Scope, c: HubConversation): OpOutcome {
  if (c.assigneeId === null) return accepted();
  if (c.assigneeId !== scope.actor.id && !isLead(scope.actor)) return refuse(scope, c, 'release it');
  save(scope, { ...c, assigneeId: null, leaseExpiresAt: null }, true);
  return accepted();
}

/** A message the actor wrote in this operation. */
const staffMessageOf = (
  scope: Scope,
  c: HubConversation,
  direction: 'note' | 'outbound',
  body: string,
): Message =>
  staffMessage({
    opId: scope.op.opId,
    conversationId: c.id,
    authorId: scope.actor.id,
    direction,
    body,
    at: scope.now,
  });

function addNote(scope: Scope, c: HubConversation, body: string): void {
  addMessage(scope.ctx.db, scope.now, staffMessageOf(scope, c, 'note', body), c);
  save(scope, c);
}

/**
 * A reply goes to the public only if the author holds the conversation (or it was free
 * when they wrote it). Otherwise it is kept as a note for whoever holds it now and the
 * author is told: work done offline is never dropped.
 */
function reply(scope: Scope, c: HubConversation, body: string): OpOutcome {
  if (!mayWorkConversation(scope.actor, c)) return replyKeptAsNote(scope, c, body, 'not-cleared');
  const free = c.assigneeId === null && !movedSinceSeen(scope, c);
  if (c.assigneeId === scope.actor.id || free || (isLead(scope.actor) && !movedSinceSeen(scope, c))) {
    const message = staffMessageOf(scope, c, 'outbound', body);
    addMessage(scope.ctx.db, scope.now, message, c);
    enqueueDelivery(scope.ctx.db, message.id, c.platform, scope.now);
    save(
      scope,
      {
        ...c,
        assigneeId: c.assigneeId ?? scope.actor.id,
        leaseExpiresAt: c.assigneeId === null ? null : c.leaseExpiresAt,
        firstResponseAt: c.firstResponseAt ?? scope.now,
        lastResponseAt: scope.now,
        responseDueAt: null,
      },
      c.assigneeId === null,
    );
    return accepted();
  }
  return replyKeptAsNote(scope, c, body, 'moved');
}

/**
 * A reply that may not go to the public is kept as an internal note, and its author told
 * why. The not-cleared case is an `info` notice: consoles translate `reply-became-note` as
 * "the conversation moved on", which would be the wrong reason.
 */
function replyKeptAsNote(
  scope: Scope,
  c: HubConversation,
  body: string,
  why: 'moved' | 'not-cleared',
): OpOutcome {
  const holder = holderName(scope, c.assigneeId);
  addNote(scope, c, body);
  if (why === 'not-cleared') {
    const text =
      'Your reply was not sent: the conversation is confidential and you are not cleared for confidential work. It was kept as an internal note.';
    notify(scope, scope.actor.id, 'info', c.id, text);
    return accepted(text);
  }
  const text =
    holder === null
      ? 'Your reply was not sent: the conversation went back to its queue while you were away. It was kept as an internal note.'
      : `Your reply was not sent: the conversation is now held by ${holder}. It was kept as an internal note for them.`;
  notify(scope, scope.actor.id, 'reply-became-note', c.id, text);
  if (c.assigneeId !== null) {
    notify(
      scope,
      c.assigneeId,
      'info',
      c.id,
      `${scope.actor.name} wrote a reply after you took this conversation; it is kept as a note for you to review.`,
    );
  }
  return accepted(text);
}

function note(scope: Scope, c: HubConversation, body: string): OpOutcome {
  if (!mayWork(scope.actor, c) && !movedSinceSeen(scope, c)) return refuse(scope, c, 'add a note');
  addNote(scope, c, body);
  return accepted();
}

function setConversationStatus(
  scope: Scope,
  c: HubConversation,
  status: HubConversation['status'],
  verb: string,
): OpOutcome {
  if (!mayWorkConversation(scope.actor, c)) return notCleared(verb);
  if (!mayWork(scope.actor, c)) return refuse(scope, c, verb);
  if (c.status === status) return accepted();
  save(scope, {
    ...c,
    status,
    responseDueAt: status === 'open' ? c.responseDueAt : null,
  });
  return accepted();
}

function reassign(
  scope: Scope,
  conversationIds: readonly string[],
  toOperatorId: string | null,
  reason: string | undefined,
): OpOutcome {
  if (!isLead(scope.actor))
    return rejected('forbidden', 'Only shift leads and admins can move work between operators.');
  const account = toOperatorId === null ? null : getAccount(scope.ctx.db, toOperatorId);
  if (toOperatorId !== null && account === null) return rejected('not-found', `No operator ${toOperatorId}.`);
  if (account !== null && account.disabledAt !== null)
    return rejected('forbidden', `${account.operator.name}'s account is disabled.`);
  const target = account?.operator ?? null;
  const conversations: HubConversation[] = [];
  for (const id of new Set(conversationIds)) {
    const c = getConversation(scope.ctx.db, id);
    if (c === null) return rejected('not-found', `No conversation ${id}.`);
    // Checked before anything moves: a refusal must leave every conversation where it was.
    if (target !== null && !mayWorkConversation(target, c)) {
      return rejected('forbidden', `${target.name} is not cleared for confidential conversations.`);
    }
    conversations.push(c);
  }
  const why = reason === undefined || reason.trim() === '' ? '' : ` (${reason.trim()})`;
  for (const c of conversations) {
    if (c.assigneeId === toOperatorId) continue;
    const lease =
      target === null || scope.ctx.isOnline(target.id) ? null : scope.now + scope.ctx.leaseGraceMs;
    save(scope, { ...c, assigneeId: toOperatorId, leaseExpiresAt: lease }, true);
    if (target !== null && target.id !== scope.actor.id) {
      notify(
        scope,
        target.id,
        'assigned-to-you',
        c.id,
        `${scope.actor.name} assigned a conversation to you${why}.`,
      );
    }
    if (c.assigneeId !== null && c.assigneeId !== scope.actor.id) {
      const where = target === null ? 'back to its queue' : `to ${target.name}`;
      notify(
        scope,
        c.assigneeId,
        'moved-from-you',
        c.id,
        `${scope.actor.name} moved a conversation ${where}${why}.`,
      );
    }
  }
  return accepted();
}

function openConversation(scope: Scope, c: HubConversation): OpOutcome {
  if (c.confidential) {
    appendAudit(scope.ctx.db, {
      at: scope.now,
      actorId: scope.actor.id,
      action: 'conversation.open-confidential',
      subjectId: c.id,
      detail: { opId: scope.op.opId, cleared: isCleared(scope.actor) },
    });
  }
  return accepted();
}

function decide(scope: Scope): OpOutcome {
  const { op } = scope;
  switch (op.type) {
    case 'claim':
      return withConversation(scope, op.conversationId, (c) => claim(scope, c));
    case 'release':
      return withConversation(scope, op.conversationId, (c) => release(scope, c));
    case 'reply':
      return withConversation(scope, op.conversationId, (c) => reply(scope, c, op.body));
    case 'note':
      return withConversation(scope, op.conversationId, (c) => note(scope, c, op.body));
    case 'resolve':
      return withConversation(scope, op.conversationId, (c) =>
        setConversationStatus(scope, c, 'resolved', 'resolve it'),
      );
    case 'reopen':
      return withConversation(scope, op.conversationId, (c) =>
        setConversationStatus(scope, c, 'open', 'reopen it'),
      );
    case 'mark-waiting':
      return withConversation(scope, op.conversationId, (c) =>
        setConversationStatus(scope, c, 'waiting-on-public', 'mark it waiting'),
      );
    case 'open':
      return withConversation(scope, op.conversationId, (c) => openConversation(scope, c));
    case 'set-status':
      return setOwnStatus(scope, op.status);
    case 'shift-put':
    case 'shift-remove':
    case 'set-capacity':
    case 'set-auto-assign':
      return applyLeadOperation(scope, op);
    case 'moderate':
      return applyModeration(
        { ...scope, keepReplyAsNote: (c, body) => replyKeptAsNote(scope, c, body, 'moved') },
        op,
      );
    case 'reassign':
      return reassign(scope, op.conversationIds, op.toOperatorId, op.reason);
    case 'broadcast-save':
    case 'broadcast-submit':
    case 'broadcast-approve':
    case 'broadcast-reject':
    case 'broadcast-emergency-publish':
    case 'broadcast-sign-off':
    case 'broadcast-retry':
    case 'broadcast-retract':
    case 'desk-alert-send':
    case 'desk-alert-ack':
    case 'desk-alert-cancel':
      return applyBroadcastOperation(scope.ctx, scope.actor, op, scope.now);
    case 'set-sla-policy':
      return setSlaPolicy(scope.ctx, scope.actor, op, scope.now);
    case 'account-disable':
    case 'account-enable':
    case 'account-sign-out':
      return applyAccountOperation(scope.ctx, scope.actor, op, scope.now);
  }
}

/**
 * Applies one console operation exactly once. The effect, its audit row and the recorded
 * ack are one transaction: a resend after any crash finds the ack and gets it again.
 */
export function applyOperation(ctx: HubContext, operatorId: string, op: Operation): OperationAck {
  return ctx.commit((): OperationAck => {
    const { db } = ctx;
    const previous = findAppliedAck(db, op.opId);
    if (previous !== null) return previous;
    const now = ctx.now();
    const account = getAccount(db, operatorId);
    const actor = account?.operator ?? null;
    let ack: OperationAck;
    if (actor === null) {
      ack = {
        opId: op.opId,
        outcome: 'rejected',
        code: 'forbidden',
        reason: 'Unknown operator.',
        hubTime: now,
      };
    } else {
      const before = headSeq(db);
      // A disabled account's link is closed within seconds; nothing it sends meanwhile counts.
      const outcome =
        account?.disabledAt === null
          ? decide({ ctx, actor, op, now })
          : rejected('forbidden', 'This account has been disabled; nothing it sends is applied.');
      const after = headSeq(db);
      if (outcome.kind === 'accepted' && after > before) recordActivity({ ctx, actor, now }, op.type);
      ack =
        outcome.kind === 'accepted'
          ? {
              opId: op.opId,
              outcome: 'accepted',
              seq: after > before ? after : null,
              ...(outcome.notice === undefined ? {} : { notice: outcome.notice }),
              hubTime: now,
            }
          : { opId: op.opId, outcome: 'rejected', code: outcome.code, reason: outcome.reason, hubTime: now };
      appendAudit(db, {
        at: now,
        actorId: actor.id,
        action: `op.${op.type}`,
        subjectId: 'conversationId' in op ? op.conversationId : null,
        detail: {
          opId: op.opId,
          consoleId: op.consoleId,
          consoleSeq: op.consoleSeq,
          seenSeq: op.seenSeq,
          outcome: ack.outcome,
          ...(ack.outcome === 'rejected' ? { code: ack.code, reason: ack.reason } : {}),
          ...(ack.outcome === 'accepted' && ack.notice !== undefined ? { notice: ack.notice } : {}),
          ...(op.type === 'reassign'
            ? { conversationIds: op.conversationIds, toOperatorId: op.toOperatorId }
            : {}),
          ...(op.type === 'set-status' ? { status: op.status } : {}),
          ...('operatorId' in op ? { operatorId: op.operatorId } : {}),
        },
      });
    }
    recordAppliedOperation(db, {
      opId: op.opId,
      consoleId: op.consoleId,
      consoleSeq: op.consoleSeq,
      operatorId,
      ack,
      at: now,
    });
    return ack;
  });
}
