import { z } from 'zod';
import type { HubDb } from './connection';

export function insertSession(
  db: HubDb,
  args: { id: string; operatorId: string; issuedAt: number; expiresAt: number },
): void {
  db.prepare('INSERT INTO sessions (id, operator_id, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(
    args.id,
    args.operatorId,
    args.issuedAt,
    args.expiresAt,
  );
}

const sessionRowSchema = z.object({
  operator_id: z.string(),
  expires_at: z.number(),
  revoked_at: z.number().nullable(),
});

export function getSession(
  db: HubDb,
  id: string,
): { operatorId: string; expiresAt: number; revokedAt: number | null } | null {
  const row: unknown = db
    .prepare('SELECT operator_id, expires_at, revoked_at FROM sessions WHERE id = ?')
    .get(id);
  if (row === undefined) return null;
  const r = sessionRowSchema.parse(row);
  return { operatorId: r.operator_id, expiresAt: r.expires_at, revokedAt: r.revoked_at };
}

/** Ends every live session of an operator; returns how many there were. */
export function revokeSessions(db: HubDb, operatorId: string, at: number): number {
  return db
    .prepare(
      'UPDATE sessions SET revoked_at = ? WHERE operator_id = ? AND revoked_at IS NULL AND expires_at > ?',
    )
    .run(at, operatorId, at).changes;
}

export function countLiveSessions(db: HubDb, operatorId: string, at: number): number {
  const row: unknown = db
    .prepare(
      'SELECT count(*) AS n FROM sessions WHERE operator_id = ? AND revoked_at IS NULL AND expires_at > ?',
    )
    .get(operatorId, at);
  return z.object({ n: z.number().int() }).parse(row).n;
}

/**
 * Of the given sessions, those that may no longer be used: revoked, or belonging to a
 * disabled account. Revocation usually comes from the hub CLI, another process, so a
 * running hub asks this of its open connections now and then.
 */
export function endedSessions(db: HubDb, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return z.array(z.string()).parse(
    db
      .prepare(
        `SELECT s.id FROM sessions s JOIN operators o ON o.id = s.operator_id
           WHERE s.id IN (SELECT value FROM json_each(?))
             AND (s.revoked_at IS NOT NULL OR o.disabled_at IS NOT NULL)`,
      )
      .pluck()
      .all(JSON.stringify(ids)),
  );
}

export interface LoginAttempts {
  readonly failures: number;
  readonly lastFailureAt: number;
  readonly lockedUntil: number | null;
}

const attemptsRowSchema = z.object({
  failures: z.number().int(),
  last_failure_at: z.number(),
  locked_until: z.number().nullable(),
});

const key = (name: string): string => name.trim().toLowerCase();

export function getLoginAttempts(db: HubDb, name: string): LoginAttempts | null {
  const row: unknown = db
    .prepare('SELECT failures, last_failure_at, locked_until FROM login_attempts WHERE name = ?')
    .get(key(name));
  if (row === undefined) return null;
  const r = attemptsRowSchema.parse(row);
  return { failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until };
}

export function saveLoginAttempts(db: HubDb, name: string, attempts: LoginAttempts): void {
  db.prepare(
    `INSERT INTO login_attempts (name, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
       locked_until = excluded.locked_until`,
  ).run(key(name), attempts.failures, attempts.lastFailureAt, attempts.lockedUntil);
}

export function clearLoginAttempts(db: HubDb, name: string): void {
  db.prepare('DELETE FROM login_attempts WHERE name = ?').run(key(name));
}
