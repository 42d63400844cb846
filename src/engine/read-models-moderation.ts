import { conversationSchema, messageSchema, type Operator } from '../shared/domain/entities';
import { freshModeration } from '../shared/moderation/fresh';
import type {
  EmergencyItem,
  EmergencyState,
  ModerationFilterName,
  ModerationItem,
  ModerationList,
} from '../shared/ipc/channels/moderation';
import type { CommentModeration, Operation } from '../shared/protocol';
import { getViewConversation } from './db/conversations';
import { getContacts } from './db/directory';
import type { CacheDb } from './db/handle';
import { parseJsonColumn } from './db/json';
import {
  countModeration,
  getBlockedAccount,
  getCommentModeration,
  listModeration,
  moderationOfConversation,
} from './db/moderation';
import { listOutboxOfTypes } from './db/outbox';
import { operatorsView } from './read-models';

/**
 * Emergencies nobody holds, most urgent first. Read from the operator's view, so a claim
 * made here silences this console at once and a colleague's claim as soon as it syncs.
 */
export function unclaimedEmergencies(db: CacheDb): EmergencyItem[] {
  const rows = db
    .prepare(
      `SELECT data FROM conversations
       WHERE priority = 'urgent' AND assignee_id IS NULL AND status != 'resolved'
       ORDER BY due_key, id LIMIT 100`,
    )
    .all() as { data: string }[];
  const conversations = rows
    .map((r) => parseJsonColumn('conversations', conversationSchema, r.data))
    .filter((c) => c.category === 'emergency');
  const contacts = getContacts(
    db,
    conversations.map((c) => c.contactId),
  );
  return conversations.map((c) => ({
    conversationId: c.id,
    platform: c.platform,
    kind: c.kind,
    language: c.language,
    contactName: contacts.get(c.contactId)?.displayName ?? '',
    preview: c.preview,
    confidential: c.confidential,
    firstInboundAt: c.firstInboundAt,
  }));
}

/** The alert sounds on consoles whose operator is available (their own pending change counted). */
export function emergencyState(db: CacheDb, me: Operator | null): EmergencyState {
  if (me === null) return { emergencies: [], alerting: false };
  const emergencies = unclaimedEmergencies(db);
  // Nearly always the case; it spares reading every operator after each synced batch.
  if (emergencies.length === 0) return { emergencies, alerting: false };
  const status = operatorsView(db, me.id).find((o) => o.id === me.id)?.status ?? me.status;
  return { emergencies, alerting: status === 'available' };
}

type ModerateOp = Extract<Operation, { type: 'moderate' }>;

/** What this operator's still-unconfirmed action will make of the comment. */
function forecast(m: CommentModeration, op: ModerateOp): CommentModeration {
  const state =
    op.action === 'hide'
      ? 'hidden'
      : op.action === 'unhide'
        ? 'visible'
        : op.action === 'delete'
          ? 'deleted'
          : m.state;
  return {
    ...m,
    state,
    review: m.review === 'none' ? 'none' : 'done',
    lastAction: op.action,
    reason: op.reason,
    platformSync: state !== m.state ? 'pending' : m.platformSync,
  };
}

function pendingModeration(db: CacheDb, me: string | null): Map<string, ModerateOp[]> {
  const byMessage = new Map<string, ModerateOp[]>();
  if (me === null) return byMessage;
  for (const row of listOutboxOfTypes(db, me, ['moderate'])) {
    if (row.op.type !== 'moderate') continue;
    const list = byMessage.get(row.op.messageId) ?? [];
    list.push(row.op);
    byMessage.set(row.op.messageId, list);
  }
  return byMessage;
}

function toItems(db: CacheDb, rows: readonly CommentModeration[], me: string | null): ModerationItem[] {
  const pending = pendingModeration(db, me);
  const contacts = getContacts(
    db,
    rows.map((m) => m.contactId),
  );
  const bodyOf = db.prepare('SELECT data FROM messages WHERE id = ?');
  return rows.map((confirmed) => {
    const ops = pending.get(confirmed.id) ?? [];
    const moderation = ops.reduce(forecast, confirmed);
    const conversation = getViewConversation(db, confirmed.conversationId)?.conversation ?? null;
    const messageRow = bodyOf.get(confirmed.id) as { data: string } | undefined;
    const message =
      messageRow === undefined ? null : parseJsonColumn('messages', messageSchema, messageRow.data);
    const redacted = message?.redacted === true;
    return {
      moderation,
      body: redacted ? '' : (message?.body ?? ''),
      redacted,
      contactName: contacts.get(confirmed.contactId)?.displayName ?? '',
      language: conversation?.language ?? 'en',
      confidential: conversation?.confidential ?? false,
      blocked: getBlockedAccount(db, confirmed.contactId) !== null,
      hideable: message?.hideable !== false,
      pending: ops.length > 0,
    };
  });
}

export function moderationList(
  db: CacheDb,
  filter: ModerationFilterName,
  limit: number,
  me: string | null,
): ModerationList {
  return { items: toItems(db, listModeration(db, filter, limit), me), counts: countModeration(db) };
}

/**
 * Every comment from the public in a comment conversation, oldest first, with its
 * moderation state (visible and unreviewed when nobody has acted on it), so any comment
 * can be acted on from the thread.
 */
export function moderationForConversation(
  db: CacheDb,
  conversationId: string,
  me: string | null,
): ModerationItem[] {
  const conversation = getViewConversation(db, conversationId)?.conversation ?? null;
  if (conversation === null || conversation.kind !== 'comment') return [];
  const known = new Map(moderationOfConversation(db, conversationId).map((m) => [m.id, m]));
  const inbound = (
    db
      .prepare('SELECT data FROM messages WHERE conversation_id = ? ORDER BY created_at, rid')
      .all(conversationId) as { data: string }[]
  )
    .map((r) => parseJsonColumn('messages', messageSchema, r.data))
    .filter((m) => m.direction === 'inbound');
  return toItems(
    db,
    inbound.map((m) => known.get(m.id) ?? freshModeration(m.id, conversation, m.createdAt)),
    me,
  );
}

export { getCommentModeration };
