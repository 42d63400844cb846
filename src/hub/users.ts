import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { operatorSchema, roleSchema, skillSchema, type Operator } from '../shared/domain';
import { hashPassword } from './auth/passwords';
import { appendAudit } from './db/audit';
import { openHubDb, type HubDb } from './db/connection';
import { getOperatorByName, insertOperator } from './db/operators';
import { getQueue } from './db/queues';
import { logOperator, putQueue } from './record';
import { DEFAULT_QUEUES } from './routing';

export const MIN_PASSWORD_LENGTH = 8;
export const PASSWORD_TOO_SHORT = `password must be at least ${String(MIN_PASSWORD_LENGTH)} characters`;

export const newUserSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  password: z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT).max(1000),
  skills: z.array(skillSchema).default([]),
  capacity: operatorSchema.shape.capacity.default(8),
});
export type NewUser = z.input<typeof newUserSchema>;

/** Runs `fn` on the given database, or on the data directory's, opened for it and closed after. */
export function withDb<T>(target: string | HubDb, fn: (db: HubDb) => T): T {
  if (typeof target !== 'string') return fn(target);
  const db = openHubDb(target);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Adds an operator, lead or admin (scrypt-hashed password). Takes a data directory (the
 * CLI, with or without a hub running on it) or an open database. The new operator enters
 * the change log; a running hub sends it to consoles at its next account check.
 */
export async function addUser(
  target: string | HubDb,
  input: NewUser,
  now: number = Date.now(),
): Promise<Operator> {
  const user = newUserSchema.parse(input);
  const passwordHash = await hashPassword(user.password);
  return withDb(target, (db) =>
    db.transaction(() => {
      if (getOperatorByName(db, user.name) !== null)
        throw new Error(`a user named ${user.name} already exists`);
      const operator: Operator = {
        id: randomUUID(),
        name: user.name,
        role: user.role,
        skills: [...new Set(user.skills)],
        status: 'offline',
        statusSince: now,
        capacity: user.capacity,
      };
      insertOperator(db, operator, passwordHash, now);
      logOperator(db, now, operator);
      appendAudit(db, {
        at: now,
        actorId: null,
        action: 'user.add',
        subjectId: operator.id,
        detail: { name: operator.name, role: operator.role, skills: operator.skills },
      });
      return operator;
    })(),
  );
}

/** Creates the desk's queues if missing; safe to run on every start. */
export function seedDefaults(target: string | HubDb, now: number = Date.now()): void {
  withDb(target, (db) => {
    db.transaction(() => {
      for (const queue of DEFAULT_QUEUES) {
        if (getQueue(db, queue.id) === null) putQueue(db, now, queue);
      }
    })();
  });
}
