import { z } from 'zod';
import { prioritySchema, type Priority } from '../../shared/domain';
import { slaStatusSchema, type SlaStatus } from '../../shared/protocol';
import {
  slaEventSchema,
  slaReportRowSchema,
  type SlaEvent,
  type SlaReportRow,
  type SlaState,
} from '../../shared/sla';
import type { HubDb } from './connection';

/*
 * SLA tables (migration 004): the policies in force, each conversation's SLA timeline, and
 * its last computed state, status record and reporting outcome.
 */

export interface StoredSlaPolicies {
  readonly json: unknown;
  readonly raw: string;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
  readonly sourceHash: string | null;
}

const policyTextSchema = z.object({ json: z.string() });
const policyRowSchema = z.object({
  json: z.string(),
  updated_at: z.number().int(),
  updated_by: z.string().nullable(),
  source_hash: z.string().nullable(),
});

/** The stored policies' text alone, to tell cheaply whether they changed. */
export function getSlaPoliciesText(db: HubDb): string | null {
  const row: unknown = db.prepare('SELECT json FROM sla_policies WHERE id = 1').get();
  return row === undefined ? null : policyTextSchema.parse(row).json;
}

export function getSlaPolicies(db: HubDb): StoredSlaPolicies | null {
  const row: unknown = db.prepare('SELECT * FROM sla_policies WHERE id = 1').get();
  if (row === undefined) return null;
  const r = policyRowSchema.parse(row);
  return {
    json: JSON.parse(r.json),
    raw: r.json,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    sourceHash: r.source_hash,
  };
}

export function putSlaPolicies(
  db: HubDb,
  args: { json: unknown; updatedAt: number; updatedBy: string | null; sourceHash: string | null },
): void {
  db.prepare(
    `INSERT INTO sla_policies (id, json, updated_at, updated_by, source_hash) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by, source_hash = excluded.source_hash`,
  ).run(JSON.stringify(args.json), args.updatedAt, args.updatedBy, args.sourceHash);
}

const clockStateSchema = z.object({
  clock: z.enum(['first-response', 'next-response', 'resolution']),
  state: z.enum(['ok', 'at-risk', 'breached', 'paused']),
  startedAt: z.number(),
  targetMs: z.number(),
  elapsedMs: z.number(),
  remainingMs: z.number(),
  dueAt: z.number().nullable(),
  warnAt: z.number().nullable(),
  breachedAt: z.number().nullable(),
  nextChangeAt: z.number().nullable(),
});

/** {@link SlaState} as stored; read back through zod like any JSON column. */
const slaStateSchema: z.ZodType<SlaState> = z.object({
  clock: z.enum(['first-response', 'next-response', 'resolution']).nullable(),
  state: z.enum(['ok', 'at-risk', 'breached', 'paused', 'none']),
  dueAt: z.number().nullable(),
  warnAt: z.number().nullable(),
  remainingMs: z.number().nullable(),
  breachedAt: z.number().nullable(),
  nextChangeAt: z.number().nullable(),
  queueId: z.string(),
  priority: prioritySchema,
  clocks: z.array(clockStateSchema),
});

export interface SlaConversationRow {
  readonly conversationId: string;
  readonly initialQueueId: string;
  readonly initialPriority: Priority;
  readonly state: SlaState | null;
  readonly status: SlaStatus | null;
  readonly nextChangeAt: number | null;
}

const conversationRowSchema = z.object({
  conversation_id: z.string(),
  initial_queue_id: z.string(),
  initial_priority: prioritySchema,
  state_json: z.string().nullable(),
  status_json: z.string().nullable(),
  next_change_at: z.number().int().nullable(),
});

const parseJson = <T>(schema: z.ZodType<T>, text: string | null): T | null =>
  text === null ? null : schema.parse(JSON.parse(text));

export function getSlaConversation(db: HubDb, conversationId: string): SlaConversationRow | null {
  const row: unknown = db
    .prepare('SELECT * FROM sla_conversations WHERE conversation_id = ?')
    .get(conversationId);
  if (row === undefined) return null;
  const r = conversationRowSchema.parse(row);
  return {
    conversationId: r.conversation_id,
    initialQueueId: r.initial_queue_id,
    initialPriority: r.initial_priority,
    state: parseJson(slaStateSchema, r.state_json),
    status: parseJson(slaStatusSchema, r.status_json),
    nextChangeAt: r.next_change_at,
  };
}

export function insertSlaConversation(
  db: HubDb,
  conversationId: string,
  initialQueueId: string,
  initialPriority: Priority,
): void {
  db.prepare(
    `INSERT INTO sla_conversations (conversation_id, initial_queue_id, initial_priority)
     VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO NOTHING`,
  ).run(conversationId, initialQueueId, initialPriority);
}

export function saveSlaComputation(
  db: HubDb,
  conversationId: string,
  args: {
    state: SlaState;
    status: SlaStatus;
    outcome: SlaReportRow | null;
  },
): void {
  db.prepare(
    `UPDATE sla_conversations SET state_json = ?, status_json = ?, next_change_at = ?,
       started_at = ?, outcome_json = ? WHERE conversation_id = ?`,
  ).run(
    JSON.stringify(args.state),
    JSON.stringify(args.status),
    args.state.nextChangeAt,
    args.outcome?.startedAt ?? null,
    args.outcome === null ? null : JSON.stringify(args.outcome),
    conversationId,
  );
}

export function appendSlaTimeline(db: HubDb, conversationId: string, events: readonly SlaEvent[]): void {
  const insert = db.prepare('INSERT INTO sla_timeline (conversation_id, at, json) VALUES (?, ?, ?)');
  for (const event of events) insert.run(conversationId, event.at, JSON.stringify(event));
}

export function readSlaTimeline(db: HubDb, conversationId: string): SlaEvent[] {
  return db
    .prepare('SELECT json FROM sla_timeline WHERE conversation_id = ? ORDER BY id')
    .all(conversationId)
    .map((row) => slaEventSchema.parse(JSON.parse(jsonRowSchema.parse(row).json)));
}

const idsSchema = z.array(z.object({ conversation_id: z.string() }));
const jsonRowSchema = z.object({ json: z.string() });
const earliestRowSchema = z.object({ at: z.number().int().nullable() });
const statusRowSchema = z.object({ status_json: z.string() });
const outcomeRowSchema = z.object({ outcome_json: z.string() });
const idRowsSchema = z.array(z.object({ id: z.string() }));

/** Conversations whose clocks change state at or before `now`. */
export function dueSlaConversations(db: HubDb, now: number, limit = 500): string[] {
  return idsSchema
    .parse(
      db
        .prepare(
          'SELECT conversation_id FROM sla_conversations WHERE next_change_at <= ? ORDER BY next_change_at LIMIT ?',
        )
        .all(now, limit),
    )
    .map((r) => r.conversation_id);
}

/** Conversations never computed (e.g. rebuilt by the migration). */
export function uncomputedSlaConversations(db: HubDb, limit = 500): string[] {
  return idsSchema
    .parse(
      db.prepare('SELECT conversation_id FROM sla_conversations WHERE state_json IS NULL LIMIT ?').all(limit),
    )
    .map((r) => r.conversation_id);
}

export function earliestSlaChange(db: HubDb): number | null {
  // The WHERE lets SQLite answer from the partial index instead of scanning every row.
  const row = earliestRowSchema.parse(
    db
      .prepare('SELECT MIN(next_change_at) AS at FROM sla_conversations WHERE next_change_at IS NOT NULL')
      .get(),
  );
  return row.at;
}

/** Status records in id order, for snapshots. */
export function listSlaStatuses(db: HubDb, afterId: string, limit: number): SlaStatus[] {
  return db
    .prepare(
      `SELECT status_json FROM sla_conversations
       WHERE conversation_id > ? AND status_json IS NOT NULL ORDER BY conversation_id LIMIT ?`,
    )
    .all(afterId, limit)
    .map((row) => slaStatusSchema.parse(JSON.parse(statusRowSchema.parse(row).status_json)));
}

/** Every stored reporting outcome, optionally only those started in `[from, to)`. */
export function slaReportRows(db: HubDb, window?: { from: number; to: number }): SlaReportRow[] {
  const rows =
    window === undefined
      ? db.prepare('SELECT outcome_json FROM sla_conversations WHERE outcome_json IS NOT NULL').all()
      : db
          .prepare(
            'SELECT outcome_json FROM sla_conversations WHERE outcome_json IS NOT NULL AND started_at >= ? AND started_at < ?',
          )
          .all(window.from, window.to);
  return rows.map((row) => slaReportRowSchema.parse(JSON.parse(outcomeRowSchema.parse(row).outcome_json)));
}

/** Ids of conversations not resolved, whose clocks depend on the policies in force. */
export function unresolvedConversationIds(db: HubDb): string[] {
  return idRowsSchema
    .parse(db.prepare("SELECT id FROM conversations WHERE status <> 'resolved' ORDER BY id").all())
    .map((r) => r.id);
}
