import { z } from 'zod';
import { operationSchema, type Operation } from '../../shared/protocol/operations';
import type { CacheDb } from './handle';
import { CorruptRowError, parseJsonColumn } from './json';

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
  console_seq: z.number().int(),
  op_id: z.string(),
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

/** An outbox row this version could not read, as it was moved to `outbox_quarantine`. */
export interface SetAsideRow {
  readonly opId: string;
  readonly consoleSeq: number;
  readonly operatorId: string;
  /** 'acked' rows already reached the hub; only 'queued' ones were never sent. */
  readonly state: OutboxState;
  readonly reason: string;
}

type SetAsideListener = (rows: readonly SetAsideRow[]) => void;
/**
 * Who hears about rows set aside, per cache. These functions are plain `(db, args)` table
 * code called from deep inside view rebuilds and the sender; the engine, which can log and
 * tell the operator, listens here instead of every caller passing a callback down.
 */
const setAsideListeners = new WeakMap<CacheDb, SetAsideListener>();

export function onSetAside(db: CacheDb, listener: SetAsideListener): void {
  setAsideListeners.set(db, listener);
}

/**
 * Moves unreadable rows out of the outbox, each in full: copied by SQL so the payload is
 * kept byte for byte (a round trip through JS could alter text that is not valid UTF-8),
 * and deleted in the same transaction, so a row is never in both tables nor in neither.
 * Inside a caller's transaction this is a savepoint and stands or falls with it.
 */
function setAside(db: CacheDb, rows: readonly SetAsideRow[]): void {
  // The workstation's clock: this is for IT reading the file, not for anything on the hub.
  const at = Date.now();
  const copy = db.prepare(
    `INSERT INTO outbox_quarantine (op_id, console_seq, operator_id, payload, state, attempts,
       acked_seq, last_error, created_at, reason, set_aside_at)
     SELECT op_id, console_seq, operator_id, payload, state, attempts, acked_seq, last_error,
       created_at, ?, ?
     FROM outbox WHERE op_id = ?`,
  );
  const remove = db.prepare('DELETE FROM outbox WHERE op_id = ?');
  db.transaction(() => {
    for (const row of rows) {
      copy.run(row.reason, at, row.opId);
      remove.run(row.opId);
    }
  }).immediate();
  setAsideListeners.get(db)?.(rows);
}

/**
 * Outbox rows as read from SQLite, minus any this version cannot read: those are set aside
 * rather than thrown on, so one unknown or damaged action neither blocks the operator's
 * later ones from being sent nor breaks every view rebuild that reads the outbox.
 */
function toRows(db: CacheDb, raws: readonly unknown[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  const unreadable: SetAsideRow[] = [];
  for (const raw of raws) {
    const r = rowSchema.parse(raw);
    let op: Operation;
    try {
      op = parsePayload(r.payload);
    } catch (error) {
      if (!(error instanceof CorruptRowError)) throw error;
      unreadable.push({
        opId: r.op_id,
        consoleSeq: r.console_seq,
        operatorId: r.operator_id,
        state: r.state,
        reason: error.message,
      });
      continue;
    }
    rows.push({
      op,
      operatorId: r.operator_id,
      state: r.state,
      attempts: r.attempts,
      ackedSeq: r.acked_seq,
    });
  }
  if (unreadable.length > 0) setAside(db, unreadable);
  return rows;
}

const COLUMNS = 'console_seq, op_id, payload, operator_id, state, attempts, acked_seq';

/**
 * Runs a read that filters on the payload in SQL. json_extract raises "malformed JSON" on a
 * payload that is not JSON at all and fails the whole read (that is how one damaged row broke
 * every view rebuild): then such rows are set aside and the read runs once more. Guarding
 * every row with json_valid instead cost each rebuild about a fifth more, for a rare case.
 * The failed statement leaves a caller's transaction open and intact.
 */
function readFilteringOnPayload(db: CacheDb, read: () => unknown[]): OutboxRow[] {
  let raws: unknown[];
  try {
    raws = read();
  } catch (error) {
    if (!(error instanceof Error && error.message === 'malformed JSON')) throw error;
    toRows(db, db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE NOT json_valid(payload)`).all());
    raws = read();
  }
  return toRows(db, raws);
}

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
  return toRows(db, rows);
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
  return readFilteringOnPayload(db, () =>
    db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE operator_id = ?
           AND json_extract(payload, '$.type') IN (SELECT value FROM json_each(?))
         ORDER BY console_seq`,
      )
      .all(operatorId, JSON.stringify(types)),
  );
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
  return readFilteringOnPayload(db, () =>
    db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE operator_id = ?
           AND (json_extract(payload, '$.conversationId') IN (SELECT value FROM json_each(?))
                OR json_extract(payload, '$.type') = 'reassign')
         ORDER BY console_seq`,
      )
      .all(operatorId, JSON.stringify(conversationIds)),
  );
}

export function getOutbox(db: CacheDb, opId: string): OutboxRow | null {
  const raw = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE op_id = ?`).get(opId);
  return raw === undefined ? null : (toRows(db, [raw])[0] ?? null);
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
  const next = db.prepare(
    `SELECT ${COLUMNS} FROM outbox
     WHERE operator_id = ? AND state = 'queued' AND console_seq > ?
     ORDER BY console_seq LIMIT ?`,
  );
  // Read again while rows were set aside: a short or empty answer tells the sender the
  // outbox is drained, and a run of unreadable rows would leave the good ones after it
  // waiting for the next kick. Each round removes at least one row, so this ends.
  for (;;) {
    const raws = next.all(operatorId, afterConsoleSeq, limit);
    const rows = toRows(db, raws);
    if (rows.length === raws.length) return rows;
  }
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

/** Actions of this operator set aside unsent because this version could not read them. */
export function countSetAside(db: CacheDb, operatorId: string): number {
  return db
    .prepare(`SELECT count(*) FROM outbox_quarantine WHERE operator_id = ? AND state = 'queued'`)
    .pluck()
    .get(operatorId) as number;
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

/**
 * Puts accepted actions whose effect this cache has not yet seen back in the queue, for
 * every operator, and returns how many. For a hub restored from a backup: its log ends
 * before their sequence numbers, so it may no longer have them, and those numbers will be
 * given to other changes. Sending one again is safe either way: a hub that still has it
 * answers with the ack it stored, and applies nothing twice.
 */
export function requeueAcked(db: CacheDb): number {
  return db.prepare(`UPDATE outbox SET state = 'queued', acked_seq = NULL WHERE state = 'acked'`).run()
    .changes;
}

/** Accepted actions whose effect the confirmed cache now holds. */
export function settledAcked(db: CacheDb, lastSeq: number): OutboxRow[] {
  return toRows(
    db,
    db
      .prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = 'acked' AND acked_seq <= ? ORDER BY console_seq`)
      .all(lastSeq),
  );
}
