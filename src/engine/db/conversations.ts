import { conversationSchema, type Conversation } from '../../shared/domain/entities';
import type { ConversationFilter } from '../../shared/ipc/channels/desk';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';
import { ftsQuery } from './message-search';

/** Sorts "nothing owed" after every real due time (epoch ms stay far below this). */
export const NO_DUE_KEY = 9_000_000_000_000_000;

/** Search looks at this many of the newest matching messages. */
export const SEARCH_HIT_LIMIT = 2000;

// --- confirmed (hub) state -------------------------------------------------------------
//
// The confirmed state of a conversation is its view row while the operator has nothing
// pending on it that changes it, which is nearly always. Only while the view differs does
// `hub_conversations` keep a separate copy of the confirmed row (cache migration 012):
// writing both rows for every conversation doubled what each synced conversation cost. A
// copy may outlast its actions (one set aside unread) until the conversation next changes;
// it still holds the confirmed row, so that is harmless.

/** The confirmed state: the kept copy if the view may differ, else the view row itself. */
export function getConfirmedConversation(db: CacheDb, id: string): Conversation | null {
  const copy = db.prepare('SELECT data FROM hub_conversations WHERE id = ?').get(id) as
    { data: string } | undefined;
  if (copy) return parseJsonColumn('hub_conversations', conversationSchema, copy.data);
  const row = db.prepare('SELECT data FROM conversations WHERE id = ?').get(id) as
    { data: string } | undefined;
  return row ? parseJsonColumn('conversations', conversationSchema, row.data) : null;
}

/** Every confirmed conversation's stored JSON (for comparing a cache with the hub). */
export function confirmedConversationsJson(db: CacheDb): string[] {
  return db
    .prepare(
      `SELECT data FROM hub_conversations
       UNION ALL SELECT data FROM conversations WHERE id NOT IN (SELECT id FROM hub_conversations)`,
    )
    .pluck()
    .all() as string[];
}

/** Keeps the confirmed row apart from the view, which pending actions are about to change. */
export function keepConfirmedCopy(db: CacheDb, conversation: Conversation): void {
  db.prepare(
    'INSERT INTO hub_conversations (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(conversation.id, JSON.stringify(conversation));
}

/** The view is the confirmed row again: no separate copy is needed. */
export function dropConfirmedCopy(db: CacheDb, id: string): void {
  db.prepare('DELETE FROM hub_conversations WHERE id = ?').run(id);
}

// --- the operator's view (confirmed + pending local actions) ---------------------------

/**
 * Writes a view row. Only recomputeConversations may call this in the app (and the bench's
 * seeding, which has no pending actions): a view row with no confirmed copy beside it is
 * taken as the confirmed row, so whoever writes a changed view must keep the copy.
 */
export function putViewConversation(db: CacheDb, conversation: Conversation, pending: boolean): void {
  db.prepare(
    `INSERT INTO conversations
       (id, queue_id, status, assignee_id, platform, language, priority, contact_id, due_key, last_inbound_at, pending, data)
     VALUES (@id, @queueId, @status, @assigneeId, @platform, @language, @priority, @contactId, @dueKey, @lastInboundAt, @pending, @data)
     ON CONFLICT (id) DO UPDATE SET
       queue_id = excluded.queue_id, status = excluded.status, assignee_id = excluded.assignee_id,
       platform = excluded.platform, language = excluded.language, priority = excluded.priority,
       contact_id = excluded.contact_id, due_key = excluded.due_key, last_inbound_at = excluded.last_inbound_at,
       pending = excluded.pending, data = excluded.data`,
  ).run({
    id: conversation.id,
    queueId: conversation.queueId,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    platform: conversation.platform,
    language: conversation.language,
    priority: conversation.priority,
    contactId: conversation.contactId,
    dueKey: conversation.responseDueAt ?? NO_DUE_KEY,
    lastInboundAt: conversation.lastInboundAt,
    pending: pending ? 1 : 0,
    data: JSON.stringify(conversation),
  });
}

export function deleteViewConversation(db: CacheDb, id: string): void {
  db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
}

export interface ViewRow {
  readonly conversation: Conversation;
  readonly pending: boolean;
}

const toViewRow = (r: { data: string; pending: number }): ViewRow => ({
  conversation: parseJsonColumn('conversations', conversationSchema, r.data),
  pending: r.pending === 1,
});

export function getViewConversation(db: CacheDb, id: string): ViewRow | null {
  const row = db.prepare('SELECT data, pending FROM conversations WHERE id = ?').get(id) as
    { data: string; pending: number } | undefined;
  return row ? toViewRow(row) : null;
}

export function conversationsOfContact(
  db: CacheDb,
  contactId: string,
  exceptId: string,
  limit: number,
): Conversation[] {
  const rows = db
    .prepare(
      `SELECT data, pending FROM conversations WHERE contact_id = ? AND id != ?
       ORDER BY last_inbound_at DESC LIMIT ?`,
    )
    .all(contactId, exceptId, limit) as { data: string; pending: number }[];
  return rows.map((r) => toViewRow(r).conversation);
}

export interface ListQuery {
  readonly filter: ConversationFilter;
  readonly sort: 'due' | 'newest';
  readonly offset: number;
  readonly limit: number;
  /** The signed-in operator, for the `mine` filter. */
  readonly operatorId: string | null;
}

/**
 * One page of the operator's view. Every filter is a column of the list indexes (cache
 * migration 008), and search goes through FTS5, so a page costs about the same for any
 * filters at 100,000 conversations.
 */
export function listViewConversations(db: CacheDb, query: ListQuery): { total: number; rows: ViewRow[] } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const f = query.filter;
  if (f.mine) {
    where.push('assignee_id = @me');
    params['me'] = query.operatorId ?? '';
  }
  if (f.unassigned) where.push('assignee_id IS NULL');
  if (f.queueId !== undefined) {
    where.push('queue_id = @queueId');
    params['queueId'] = f.queueId;
  }
  if (f.platform !== undefined) {
    where.push('platform = @platform');
    params['platform'] = f.platform;
  }
  if (f.language !== undefined) {
    where.push('language = @language');
    params['language'] = f.language;
  }
  if (f.status !== undefined) {
    where.push('status = @status');
    params['status'] = f.status;
  }
  if (f.priority !== undefined) {
    where.push('priority = @priority');
    params['priority'] = f.priority;
  }
  const order = query.sort === 'due' ? 'due_key, id' : 'last_inbound_at DESC, id DESC';
  const match = f.search === undefined ? null : ftsQuery(db, f.search);
  if (match !== null) {
    // The newest matches only: a word found in tens of thousands of messages would otherwise
    // cost a full join per keystroke, and the operator wants the recent ones (messages_search
    // is keyed by -rid, so ascending is newest first). One pass finds every matching
    // conversation, filtered and sorted from conversations_search alone (no row reads); the
    // count is its length, and only the page on screen is read in full.
    const filters = where.map((w) => ` AND ${w}`).join('');
    const matched = db
      .prepare(
        `SELECT rowid FROM conversations INDEXED BY conversations_search
         WHERE id IN (SELECT m.conversation_id FROM messages m
                      WHERE m.rid IN (SELECT -rowid FROM messages_search WHERE messages_search MATCH @match
                                      ORDER BY rowid LIMIT ${String(SEARCH_HIT_LIMIT)}))${filters}
         ORDER BY ${order}`,
      )
      .pluck()
      .all({ ...params, match }) as number[];
    return {
      total: matched.length,
      rows: pageRows(db, matched.slice(query.offset, query.offset + query.limit), order),
    };
  }
  // Any mix of filters is served from the two list indexes, which hold every filter column
  // in sort order: a page reads the index in order until it has its rows, and the count
  // reads one index, never the rows. SQLite's own choice (an index on one filtered column,
  // then a sort of every match, or a count reading each matching row) took up to 300 ms
  // at 100,000 conversations for combinations no per-filter index covered.
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const listIndex = query.sort === 'due' ? 'conversations_list_due' : 'conversations_list_newest';
  // With no filter SQLite counts from its narrowest index, cheaper than the wide one.
  const countFrom = where.length > 0 ? 'conversations INDEXED BY conversations_list_due' : 'conversations';
  const total = (db.prepare(`SELECT count(*) AS n FROM ${countFrom} ${clause}`).get(params) as { n: number })
    .n;
  const onPage = db
    .prepare(
      `SELECT rowid FROM conversations INDEXED BY ${listIndex} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as number[];
  return { total, rows: pageRows(db, onPage, order) };
}

/** The view rows with these rowids, in list order. */
function pageRows(db: CacheDb, rowids: readonly number[], order: string): ViewRow[] {
  const rows = db
    .prepare(
      `SELECT data, pending FROM conversations WHERE rowid IN (SELECT value FROM json_each(@onPage))
       ORDER BY ${order}`,
    )
    .all({ onPage: JSON.stringify(rowids) }) as { data: string; pending: number }[];
  return rows.map(toViewRow);
}

export interface QueueCounts {
  readonly open: number;
  readonly unassigned: number;
  readonly atRisk: number;
}

/** Open (not resolved) work per queue; at risk = due by `riskBefore` (hub time) or overdue. */
export function countByQueue(db: CacheDb, riskBefore: number): Map<string, QueueCounts> {
  const rows = db
    .prepare(
      `SELECT queue_id AS queueId, count(*) AS open,
              sum(assignee_id IS NULL) AS unassigned, sum(due_key <= @riskBefore) AS atRisk
       FROM conversations WHERE status IN ('open', 'waiting-on-public') GROUP BY queue_id`,
    )
    .all({ riskBefore }) as { queueId: string; open: number; unassigned: number; atRisk: number }[];
  return new Map(rows.map((r) => [r.queueId, { open: r.open, unassigned: r.unassigned, atRisk: r.atRisk }]));
}
