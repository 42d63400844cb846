import { z } from 'zod';
import { entityRecordSchema, type EntityRecord } from '../../shared/protocol';
import type { HubDb } from './connection';
import { getMeta, setMeta } from './meta';

/** A change as stored: the whole record plus who may receive it. */
export interface LoggedChange {
  readonly seq: number;
  readonly at: number;
  readonly record: EntityRecord;
  /** Only this operator receives it (notices); null for everyone. */
  readonly audience: string | null;
  /** The conversation was confidential when written: bodies go only to cleared staff. */
  readonly confidential: boolean;
}

const rowSchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  audience: z.string().nullable(),
  confidential: z.number().int(),
  json: z.string(),
});

// Built once: zod compiles each schema on first use, so a schema built per call costs per call.
const seqRowSchema = z.object({ seq: z.number().int() });
const maxSeqRowSchema = z.object({ seq: z.number().int().nullable() });

const toChange = (row: unknown): LoggedChange => {
  const r = rowSchema.parse(row);
  const json: unknown = JSON.parse(r.json);
  return {
    seq: r.seq,
    at: r.at,
    audience: r.audience,
    confidential: r.confidential === 1,
    record: entityRecordSchema.parse(json),
  };
};

export function appendChange(
  db: HubDb,
  record: EntityRecord,
  at: number,
  options: { audience?: string | null; confidential?: boolean } = {},
): number {
  const result = db
    .prepare(
      'INSERT INTO change_log (at, entity, entity_id, audience, confidential, json) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      at,
      record.entity,
      record.data.id,
      options.audience ?? null,
      options.confidential === true ? 1 : 0,
      JSON.stringify(record),
    );
  return Number(result.lastInsertRowid);
}

/**
 * Marks what the log already holds of a conversation that has just turned confidential:
 * its earlier rows and its messages' rows. A console pulling from before then (a new
 * cache, one back from a long outage) must get the blanked text a snapshot would give,
 * not the plain text those rows were written with. The rows are read from `since` (when
 * the conversation began) by the time index, so a rare event costs only its own stretch
 * of the log.
 */
export function markConversationConfidential(
  db: HubDb,
  conversationId: string,
  messageIds: readonly string[],
  since: number,
): void {
  db.prepare(
    `UPDATE change_log SET confidential = 1
     WHERE at >= ? AND confidential = 0
       AND ((entity = 'conversation' AND entity_id = ?)
         OR (entity = 'message' AND entity_id IN (SELECT value FROM json_each(?))))`,
  ).run(since, conversationId, JSON.stringify(messageIds));
}

/**
 * Marks what the log already holds of a contact whose first confidential conversation has
 * just begun (found by the index of contact rows, hub migration 013): a console pulling
 * from before then must get the name withheld, as a snapshot gives it.
 */
export function markContactConfidential(db: HubDb, contactId: string): void {
  db.prepare(
    `UPDATE change_log SET confidential = 1
     WHERE entity = 'contact' AND entity_id = ? AND confidential = 0`,
  ).run(contactId);
}

/** The last sequence ever handed out, even if pruning removed the row since. */
export function headSeq(db: HubDb): number {
  const row: unknown = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").get();
  return row === undefined ? 0 : seqRowSchema.parse(row).seq;
}

/**
 * The lowest `afterSeq` a console may still pull from: every change after it is kept.
 * 0 until the first prune.
 */
export function logFloor(db: HubDb): number {
  const value = getMeta(db, 'change_log_floor');
  return value === null ? 0 : z.coerce.number().int().nonnegative().parse(value);
}

/** A logged change that no longer reads as a record of this version (damaged, or written wrong). */
export interface UnreadableChange {
  readonly seq: number;
  readonly entity: string;
  readonly entityId: string;
  readonly problem: string;
}

/** A stretch of the log: the changes that read, and how far it reached. */
export interface ChangePage {
  readonly changes: LoggedChange[];
  /** The last sequence read, readable or not; null when there was nothing after `afterSeq`. */
  readonly lastSeq: number | null;
  /** It stopped at `limit` rows: there may be more before `upToSeq`. */
  readonly full: boolean;
}

const rowIdentitySchema = z.object({ seq: z.number().int(), entity: z.string(), entity_id: z.string() });

/**
 * Changes after `afterSeq` up to `upToSeq`, at most `limit` rows. A row that does not read
 * is passed to `onUnreadable` and left out rather than thrown: one bad row must not stop
 * every console's live feed and catch-up for good. Records are whole, so consoles get that
 * entity again with its next change, or from a snapshot.
 */
export function readChanges(
  db: HubDb,
  afterSeq: number,
  upToSeq: number,
  limit: number,
  onUnreadable: (change: UnreadableChange) => void,
): ChangePage {
  const rows: unknown[] = db
    .prepare('SELECT * FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
    .all(afterSeq, upToSeq, limit);
  const changes: LoggedChange[] = [];
  let lastSeq: number | null = null;
  for (const row of rows) {
    try {
      const change = toChange(row);
      changes.push(change);
      lastSeq = change.seq;
    } catch (error) {
      const identity = rowIdentitySchema.parse(row);
      lastSeq = identity.seq;
      onUnreadable({
        seq: identity.seq,
        entity: identity.entity,
        entityId: identity.entity_id,
        problem: error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : String(error),
      });
    }
  }
  return { changes, lastSeq, full: rows.length === limit };
}

/** Drops changes older than `before`; returns the new floor. */
export function pruneChanges(db: HubDb, before: number): number {
  return db.transaction(() => {
    const row = maxSeqRowSchema.parse(
      db.prepare('SELECT MAX(seq) AS seq FROM change_log WHERE at < ?').get(before),
    );
    const floor = logFloor(db);
    if (row.seq === null || row.seq <= floor) return floor;
    db.prepare('DELETE FROM change_log WHERE seq <= ?').run(row.seq);
    setMeta(db, 'change_log_floor', String(row.seq));
    return row.seq;
  })();
}
