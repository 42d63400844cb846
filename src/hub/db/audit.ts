import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HubDb } from './connection';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly at: number;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditRow {
  readonly id: number;
  readonly at: number;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectId: string | null;
  readonly detail: string;
  readonly prevHash: string;
  readonly hash: string;
}

const rowSchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  actor_id: z.string().nullable(),
  action: z.string(),
  subject_id: z.string().nullable(),
  detail: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});

const toRow = (row: unknown): AuditRow => {
  const r = rowSchema.parse(row);
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    subjectId: r.subject_id,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
};

/** The hash covers every column and the previous row's hash, so any edit or removal breaks the chain. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([row.prevHash, row.id, row.at, row.actorId, row.action, row.subjectId, row.detail]),
    )
    .digest('hex');
}

const seqRowSchema = z.object({ seq: z.number().int() });

function lastIssuedId(db: HubDb): number {
  const row: unknown = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").get();
  return row === undefined ? 0 : seqRowSchema.parse(row).seq;
}

/** Call inside the transaction of the action being audited. */
export function appendAudit(db: HubDb, entry: AuditEntry): AuditRow {
  const lastRow: unknown = db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT 1').get();
  const prevHash = lastRow === undefined ? AUDIT_GENESIS_HASH : toRow(lastRow).hash;
  const partial = {
    id: lastIssuedId(db) + 1,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    subjectId: entry.subjectId,
    detail: JSON.stringify(entry.detail),
    prevHash,
  };
  const row: AuditRow = { ...partial, hash: auditRowHash(partial) };
  db.prepare(
    `INSERT INTO audit (id, at, actor_id, action, subject_id, detail, prev_hash, hash)
     VALUES (@id, @at, @actorId, @action, @subjectId, @detail, @prevHash, @hash)`,
  ).run(row);
  return row;
}

export type AuditVerification =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rowId: number; readonly reason: string };

/** Walks the chain from the first row and reports the first row that does not fit. */
export function verifyAudit(db: HubDb): AuditVerification {
  let prevHash = AUDIT_GENESIS_HASH;
  let expectedId = 1;
  let rows = 0;
  for (const raw of db.prepare('SELECT * FROM audit ORDER BY id').iterate()) {
    const row = toRow(raw);
    if (row.id !== expectedId) {
      return {
        ok: false,
        rowId: expectedId,
        reason: `row ${expectedId} is missing (next row found is ${row.id})`,
      };
    }
    if (row.prevHash !== prevHash) {
      return { ok: false, rowId: row.id, reason: `row ${row.id} does not follow the previous row's hash` };
    }
    if (auditRowHash(row) !== row.hash) {
      return {
        ok: false,
        rowId: row.id,
        reason: `row ${row.id} was altered (its hash does not match its contents)`,
      };
    }
    prevHash = row.hash;
    expectedId += 1;
    rows += 1;
  }
  const issued = lastIssuedId(db);
  if (issued >= expectedId) {
    return {
      ok: false,
      rowId: expectedId,
      reason: `row ${expectedId} is missing (rows up to ${issued} were written)`,
    };
  }
  return { ok: true, rows };
}

export function auditRowsBetween(db: HubDb, since: number, until: number): AuditRow[] {
  return db.prepare('SELECT * FROM audit WHERE at >= ? AND at <= ? ORDER BY id').all(since, until).map(toRow);
}
