import { z } from 'zod';
import {
  operatorSchema,
  roleSchema,
  skillSchema,
  type Operator,
  type OperatorStatus,
} from '../../shared/domain';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  skills: z.string(),
  status: z.string(),
  status_since: z.number(),
  capacity: z.number(),
  password_hash: z.string(),
  disabled_at: z.number().nullable(),
});

const skillsJson = z.array(skillSchema);

export interface OperatorWithSecret {
  readonly operator: Operator;
  readonly passwordHash: string;
  /** When the account was disabled; null while it may sign in. */
  readonly disabledAt: number | null;
}

const toOperator = (row: unknown): OperatorWithSecret => {
  const r = rowSchema.parse(row);
  const skills: unknown = JSON.parse(r.skills);
  return {
    operator: operatorSchema.parse({
      id: r.id,
      name: r.name,
      role: r.role,
      skills: skillsJson.parse(skills),
      status: r.status,
      statusSince: r.status_since,
      capacity: r.capacity,
      ...(r.disabled_at === null ? {} : { disabled: true }),
    }),
    passwordHash: r.password_hash,
    disabledAt: r.disabled_at,
  };
};

export function insertOperator(db: HubDb, operator: Operator, passwordHash: string, createdAt: number): void {
  db.prepare(
    `INSERT INTO operators (id, name, role, skills, status, status_since, capacity, password_hash, created_at)
     VALUES (@id, @name, @role, @skills, @status, @statusSince, @capacity, @passwordHash, @createdAt)`,
  ).run({ ...operator, skills: JSON.stringify(operator.skills), passwordHash, createdAt });
}

/** The operator with what only the hub needs: the password hash, whether disabled. */
export function getAccount(db: HubDb, id: string): OperatorWithSecret | null {
  const row: unknown = db.prepare('SELECT * FROM operators WHERE id = ?').get(id);
  return row === undefined ? null : toOperator(row);
}

export function getOperator(db: HubDb, id: string): Operator | null {
  return getAccount(db, id)?.operator ?? null;
}

export function getOperatorByName(db: HubDb, name: string): OperatorWithSecret | null {
  const row: unknown = db.prepare('SELECT * FROM operators WHERE name = ?').get(name);
  return row === undefined ? null : toOperator(row);
}

export function listOperators(db: HubDb, afterId = '', limit = 1_000_000): Operator[] {
  return db
    .prepare('SELECT * FROM operators WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map((row) => toOperator(row).operator);
}

export function setOperatorStatus(db: HubDb, id: string, status: OperatorStatus, since: number): void {
  db.prepare('UPDATE operators SET status = ?, status_since = ? WHERE id = ?').run(status, since, id);
}

export function setOperatorPassword(db: HubDb, id: string, passwordHash: string): void {
  db.prepare('UPDATE operators SET password_hash = ? WHERE id = ?').run(passwordHash, id);
}

/** Sets or clears when the account was disabled. */
export function setOperatorDisabled(db: HubDb, id: string, disabledAt: number | null): void {
  db.prepare('UPDATE operators SET disabled_at = ? WHERE id = ?').run(disabledAt, id);
}

/** Role, skills and capacity: what decides what someone may see and do. */
export function setOperatorProfile(
  db: HubDb,
  id: string,
  profile: Pick<Operator, 'role' | 'skills' | 'capacity'>,
): void {
  db.prepare('UPDATE operators SET role = ?, skills = ?, capacity = ? WHERE id = ?').run(
    profile.role,
    JSON.stringify(profile.skills),
    profile.capacity,
    id,
  );
}

/** Everyone, with when each account was disabled (the hub admin's list). */
export function listAccounts(db: HubDb): OperatorWithSecret[] {
  return db.prepare('SELECT * FROM operators ORDER BY name COLLATE NOCASE').all().map(toOperator);
}
