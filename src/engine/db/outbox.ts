import { z } from 'zod';
import { operationSchema, type Operation } from '../../shared/protocol/operations';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

export const outboxStateSchema = z.enum(['queued', 'acked']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export interface OutboxRow {
  readonly op: Operation;
  readonly operatorId: string;
  readonly state: OutboxState;
  readonly attempts: number;
  /** Hub sequence of the accepted effect; the row leaves once the cache has reached it. */
  readonly ackedSeq: number | null;
}

const rowSchema = z.object({
  payload: z.string(),
  operator_id: z.string(),
  state: outboxStateSchema,
  attempts: z.number().int(),
  acked_seq: z.number().int().nullable(),
});

/**
 * Parsed payloads by their exact text. The view is rebuilt from the whole outbox after every
 * acknowledgement and batch; re-validating every queued action each time made replaying a
 * long offline session quadratic. A payload never changes once written, so its parse can be
 * reused; the map is emptied when it grows past a bound.
 */
const parsedPayloads = new Map<string, Operation>();
const PARSED_PAYLOADS_MAX = 20_000;

function parsePayload(payload: string): Operation {
  const cached = parsedPayloads.get(payload);
  if (cached !== undefined) return cached;
  const op = parseJsonColumn('outbox', operationSchema, payload);
  if (parsedPayloads.size >= PARSED_PAYLOADS_MAX) parsedPayloads.clear();
  parsedPayloads.set(payload, op);
  return op;
}

const toRow = (raw: unknown): OutboxRow => {
  const r = rowSchema.parse(raw);
  return {
    op: parsePayload(r.payload),
    operatorId: r.operator_id,
    state: r.state,
    attempts: r.attempts,
    ackedSeq: r.acked_seq,
  };
};

const COLUMNS = 'payload, operator_id, state, attempts, acked_seq';

export function insertOutbox(db: CacheDb, op: Operation, operatorId: string): void {
  db.prepare(
    `INSERT INTO outbox (console_seq, op_id, operator_id, payload, state, created_at)
     VALUES (?, ?, ?, ?, 'queued', ?)`,
  ).run(op.consoleSeq, op.opId, operatorId, JSON.stringify(op), op.createdAt);
}

/** Every action not yet reflected in the confirmed cache, in the order it was taken. */
export function listOutbox(db: CacheDb, operatorId?: string): OutboxRow[] {
  const rows =
    operatorId === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM outbox ORDER BY console_seq`).all()
      : db
          .prepare(`SELECT ${COLUMNS} FROM outbox WHERE operator_id = ? ORDER BY console_seq`)
          .all(operatorId);
  return rows.map(toRow);
}

/**
 * The operator's actions of these types, in order. Read models that care about one kind of
 * action (a pending status, a moderation) asked for the whole outbox and threw most of it
 * away; after a long offline session that was most of the work behind every refresh.
 */
export function listOutboxOfTypes(
  db: CacheDb,
  operatorId: string,
  types: readonly Operation['type'][],
): OutboxRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM outbox WHERE operator_id = ?
         AND json_extract(payload, '$.type') IN (SELECT value FROM json_each(?))
       ORDER BY console_seq`,
    )
    .all(operatorId, JSON.stringify(types))
    .map(toRow);
}

/**
 * The operator's actions that may target any of these conversations, in order: those naming
 * one of them and every reassignment (which names several). A superset, so callers still
 * ask `targetsOf`; it spares reading the actions on every other conversation.
 */
export function listOutboxFor(
  db: CacheDb,
  operatorId: string,
  conversationIds: readonly string[],
): OutboxRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM outbox WHERE operator_id = ?
         AND (json_extract(payload, '$.conversationId') IN (SELECT value FROM json_each(?))
              OR json_extract(payload, '$.type') = 'reassign')
       ORDER BY console_seq`,
    )
    .all(operatorId, JSON.stringify(conversationIds))
    .map(toRow);
}

export function getOutbox(db: CacheDb, opId: string): OutboxRow | null {
  const raw = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE op_id = ?`).get(opId);
  return raw === undefined ? null : toRow(raw);
}

/**
 * The next queued actions after `afterConsoleSeq`, in the order they were taken: what a
 * pipelined drain sends next without re-reading the ones already in flight.
 */
export function queuedAfter(
  db: CacheDb,
  operatorId: string,
  afterConsoleSeq: number,
  limit: number,
): OutboxRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM outbox
       WHERE operator_id = ? AND state = 'queued' AND console_seq > ?
       ORDER BY console_seq LIMIT ?`,
    )
    .all(operatorId, afterConsoleSeq, limit)
    .map(toRow);
}

export function countQueued(db: CacheDb, operatorId: string): number {
  return (
    db
      .prepare(`SELECT count(*) AS n FROM outbox WHERE operator_id = ? AND state = 'queued'`)
      .get(operatorId) as {
      n: number;
    }
  ).n;
}

export function recordAttempt(db: CacheDb, opId: string, error: string | null): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE op_id = ?').run(error, opId);
}

export function markAcked(db: CacheDb, opId: string, ackedSeq: number): void {
  db.prepare(`UPDATE outbox SET state = 'acked', acked_seq = ? WHERE op_id = ?`).run(ackedSeq, opId);
}

export function deleteOutbox(db: CacheDb, opId: string): void {
  db.prepare('DELETE FROM outbox WHERE op_id = ?').run(opId);
}

/** Accepted actions whose effect the confirmed cache now holds. */
export function settledAcked(db: CacheDb, lastSeq: number): OutboxRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = 'acked' AND acked_seq <= ? ORDER BY console_seq`)
    .all(lastSeq)
    .map(toRow);
}
