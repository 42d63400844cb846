import { z } from 'zod';
import { mayWorkConversation, operatorSchema, roleSchema, type Operator, type Skill } from '../shared/domain';
import { hashPassword } from './auth/passwords';
import { appendAudit } from './db/audit';
import type { HubDb } from './db/connection';
import { conversationsAssignedTo } from './db/conversations';
import {
  getOperatorByName,
  listAccounts,
  setOperatorDisabled,
  setOperatorPassword,
  setOperatorProfile,
  setOperatorStatus,
  type OperatorWithSecret,
} from './db/operators';
import { clearLoginAttempts, countLiveSessions, revokeSessions } from './db/sessions';
import { logOperator, returnToQueue } from './record';
import { MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT, withDb } from './users';

/*
 * What a desk administrator does to accounts after `user add`: someone leaves, is moved,
 * or has their vetting changed. Each change is audited. Every change that alters what a
 * person may see or do ends their sessions too: a running hub closes their consoles'
 * links within a few seconds (see the sync server's account check), and the console asks
 * them to sign in again, when what it shows follows their new rights.
 *
 * These work on a data directory (the CLI, with or without the hub running: SQLite lets
 * both write, one at a time) or an open database.
 */

export interface AccountSummary {
  readonly operator: Operator;
  readonly disabledAt: number | null;
  readonly liveSessions: number;
}

export const NOTHING_TO_CHANGE = 'nothing to change: give --role, --welsh, --cleared or --capacity';

/** Whether a profile change names anything to change. */
export function changesSomething(c: {
  readonly role?: unknown;
  readonly welsh?: unknown;
  readonly cleared?: unknown;
  readonly capacity?: unknown;
}): boolean {
  return c.role !== undefined || c.welsh !== undefined || c.cleared !== undefined || c.capacity !== undefined;
}

export const profileChangeSchema = z
  .object({
    role: roleSchema.optional(),
    welsh: z.boolean().optional(),
    cleared: z.boolean().optional(),
    capacity: operatorSchema.shape.capacity.optional(),
  })
  .refine(changesSomething, { message: NOTHING_TO_CHANGE });
export type ProfileChange = z.input<typeof profileChangeSchema>;

/**
 * Audits an administrator's change to someone's account: `actorId` is the administrator
 * when made in the console, null from the CLI (which has no signed-in actor).
 */
function auditAccount(
  db: HubDb,
  at: number,
  action: string,
  operator: Operator,
  detail: Record<string, unknown> = {},
  actorId: string | null = null,
): void {
  appendAudit(db, {
    at,
    actorId,
    action,
    subjectId: operator.id,
    detail: { name: operator.name, ...detail },
  });
}

/** Runs `change` on the named account in one transaction, or fails if there is none. */
function onAccount<T>(
  target: string | HubDb,
  name: string,
  change: (db: HubDb, account: OperatorWithSecret) => T,
): T {
  return withDb(target, (db) =>
    db.transaction(() => {
      const found = getOperatorByName(db, name.trim());
      if (found === null) throw new Error(`no user named ${name.trim()}`);
      return change(db, found);
    })(),
  );
}

export function listUsers(target: string | HubDb, now: number = Date.now()): AccountSummary[] {
  return withDb(target, (db) =>
    listAccounts(db).map((a) => ({
      operator: a.operator,
      disabledAt: a.disabledAt,
      liveSessions: countLiveSessions(db, a.operator.id, now),
    })),
  );
}

/**
 * Stops someone signing in and ends their sessions. Their row stays (the audit trail and
 * their notes still name them); they show as offline, and what they held goes back to its
 * queue when their lease runs out, as for anyone who goes offline.
 */
export function disableUser(
  target: string | HubDb,
  name: string,
  now: number = Date.now(),
  actorId: string | null = null,
): { operator: Operator; sessionsEnded: number } {
  return onAccount(target, name, (db, { operator, disabledAt }) => {
    if (disabledAt !== null) throw new Error(`${operator.name} is already disabled`);
    setOperatorDisabled(db, operator.id, now);
    const offline: Operator = { ...operator, status: 'offline', statusSince: now, disabled: true };
    if (operator.status !== 'offline') setOperatorStatus(db, operator.id, 'offline', now);
    // Logged either way: every console shows the account as disabled.
    logOperator(db, now, operator.status === 'offline' ? { ...operator, disabled: true } : offline);
    const sessionsEnded = revokeSessions(db, operator.id, now);
    auditAccount(db, now, 'user.disable', operator, { sessionsEnded }, actorId);
    return { operator: offline, sessionsEnded };
  });
}

export function enableUser(
  target: string | HubDb,
  name: string,
  now: number = Date.now(),
  actorId: string | null = null,
): Operator {
  return onAccount(target, name, (db, { operator, disabledAt }) => {
    if (disabledAt === null) throw new Error(`${operator.name} is not disabled`);
    setOperatorDisabled(db, operator.id, null);
    const { disabled: _wasDisabled, ...enabled } = operator;
    logOperator(db, now, enabled);
    auditAccount(db, now, 'user.enable', enabled, {}, actorId);
    return enabled;
  });
}

/** Ends someone's sessions (a lost or shared workstation) without disabling them. */
export function signOutUser(
  target: string | HubDb,
  name: string,
  now: number = Date.now(),
  actorId: string | null = null,
): number {
  return onAccount(target, name, (db, { operator }) => {
    const sessionsEnded = revokeSessions(db, operator.id, now);
    auditAccount(db, now, 'user.sign-out', operator, { sessionsEnded }, actorId);
    return sessionsEnded;
  });
}

const withSkill = (skills: readonly Skill[], skill: Skill, on: boolean | undefined): Skill[] =>
  on === undefined ? [...skills] : on ? [...new Set([...skills, skill])] : skills.filter((s) => s !== skill);

/**
 * Changes role, Welsh, clearance or capacity. The new record enters the change log so
 * every console's workload board shows it. A change of role or skills also ends the
 * person's sessions: their console was filled with what the old rights let them see.
 */
export function changeUser(
  target: string | HubDb,
  name: string,
  input: ProfileChange,
  now: number = Date.now(),
): { operator: Operator; sessionsEnded: number } {
  const change = profileChangeSchema.parse(input);
  return onAccount(target, name, (db, { operator: before }) => {
    const after: Operator = {
      ...before,
      role: change.role ?? before.role,
      skills: withSkill(withSkill(before.skills, 'welsh', change.welsh), 'confidential', change.cleared),
      capacity: change.capacity ?? before.capacity,
    };
    const rightsChanged =
      after.role !== before.role ||
      after.skills.length !== before.skills.length ||
      after.skills.some((s) => !before.skills.includes(s));
    if (!rightsChanged && after.capacity === before.capacity) return { operator: before, sessionsEnded: 0 };
    setOperatorProfile(db, after.id, after);
    logOperator(db, now, after);
    const sessionsEnded = rightsChanged ? revokeSessions(db, after.id, now) : 0;
    const released = releaseWorkNoLongerAllowed(db, after, now);
    auditAccount(db, now, 'user.change', after, {
      before: { role: before.role, skills: before.skills, capacity: before.capacity },
      after: { role: after.role, skills: after.skills, capacity: after.capacity },
      sessionsEnded,
      released,
    });
    return { operator: after, sessionsEnded };
  });
}

/**
 * Someone whose clearance was taken away may not work the confidential conversations they
 * hold (the hub refuses their replies and resolutions): those go back to their queue at
 * once, for someone cleared, with a notice to them. Returns how many.
 */
function releaseWorkNoLongerAllowed(db: HubDb, operator: Operator, now: number): number {
  let released = 0;
  for (const c of conversationsAssignedTo(db, operator.id)) {
    if (mayWorkConversation(operator, c)) continue;
    returnToQueue(
      db,
      now,
      c,
      'Your clearance for confidential work was removed; this conversation went back to its queue.',
    );
    released += 1;
  }
  return released;
}

/** Sets a new password, lifts any sign-in lock on the name, and ends their sessions. */
export async function resetPassword(
  target: string | HubDb,
  name: string,
  password: string,
  now: number = Date.now(),
): Promise<number> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(PASSWORD_TOO_SHORT);
  const passwordHash = await hashPassword(password);
  return onAccount(target, name, (db, { operator }) => {
    setOperatorPassword(db, operator.id, passwordHash);
    clearLoginAttempts(db, operator.name);
    const sessionsEnded = revokeSessions(db, operator.id, now);
    auditAccount(db, now, 'user.password', operator, { sessionsEnded });
    return sessionsEnded;
  });
}
