import { randomUUID } from 'node:crypto';
import { visibilityKey, type Operator } from '../../shared/domain';
import type { LoginRequest, LoginResponse } from '../../shared/protocol';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import { getOperatorByName } from '../db/operators';
import {
  clearLoginAttempts,
  getLoginAttempts,
  insertSession,
  saveLoginAttempts,
  type LoginAttempts,
} from '../db/sessions';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { signSessionToken } from './tokens';

export interface LoginPolicy {
  /** Failures allowed before answers are slowed. */
  readonly freeFailures: number;
  /** Failures after which the name is locked. */
  readonly lockAfter: number;
  readonly lockMs: number;
  readonly slowStepMs: number;
  readonly tokenTtlMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  freeFailures: 2,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  slowStepMs: 250,
  tokenTtlMs: 12 * 60 * 60_000,
};

export const DISABLED_MESSAGE =
  'This account has been disabled. Speak to your shift lead or the desk administrator.';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** When the name's lock ends, if it is locked at `at`. */
const lockEndsAt = (attempts: LoginAttempts | null, at: number): number | null =>
  attempts?.lockedUntil != null && attempts.lockedUntil > at ? attempts.lockedUntil : null;

const lockedReply = (lockedUntil: number, at: number): LoginResponse => ({
  ok: false,
  error: 'locked',
  message: 'Too many failed sign-ins: this name is locked for a while.',
  retryAfterMs: lockedUntil - at,
});

/**
 * Checks a name and password. Failures per name are counted: after a few, every answer
 * is delayed; after more, the name is locked for a while, even for the right password.
 * Every outcome is audited.
 */
export async function login(
  ctx: HubContext,
  secret: Uint8Array,
  policy: LoginPolicy,
  request: LoginRequest,
): Promise<LoginResponse> {
  const { db } = ctx;
  const name = request.name;
  const started = ctx.now();
  const lockedAtStart = lockEndsAt(getLoginAttempts(db, name), started);
  if (lockedAtStart !== null) {
    ctx.commit(() =>
      appendAudit(db, {
        at: started,
        actorId: null,
        action: 'login.locked',
        subjectId: null,
        detail: { name },
      }),
    );
    return lockedReply(lockedAtStart, started);
  }

  const found = getOperatorByName(db, name);
  const valid =
    found === null
      ? (await burnPasswordCheck(request.password), false)
      : await verifyPassword(request.password, found.passwordHash);
  const now = ctx.now();

  if (!valid || found === null) {
    // Counted from the row as it is now, not as read before the password check: guesses sent
    // in parallel all read the same count across that await, and a batch of forty added one.
    const { failures, lockedUntil } = ctx.commit(() => {
      const current = getLoginAttempts(db, name);
      const lock = lockEndsAt(current, now);
      // A lock that has run out starts the count again.
      const failures = (lock === null && current?.lockedUntil != null ? 0 : (current?.failures ?? 0)) + 1;
      const lockedUntil = lock ?? (failures >= policy.lockAfter ? now + policy.lockMs : null);
      saveLoginAttempts(db, name, { failures, lastFailureAt: now, lockedUntil });
      appendAudit(db, {
        at: now,
        actorId: found?.operator.id ?? null,
        action: 'login.failure',
        subjectId: null,
        detail: { name, failures, locked: lockedUntil !== null },
      });
      return { failures, lockedUntil };
    });
    if (lockedUntil !== null) return lockedReply(lockedUntil, now);
    if (failures > policy.freeFailures) {
      await sleep(policy.slowStepMs * 2 ** (failures - policy.freeFailures - 1));
    }
    return { ok: false, error: 'bad-credentials', message: 'Name or password not recognised.' };
  }

  if (found.disabledAt !== null) {
    // Said only to someone who knows the password: a guesser learns nothing from it.
    ctx.commit(() => {
      clearLoginAttempts(db, name);
      appendAudit(db, {
        at: now,
        actorId: found.operator.id,
        action: 'login.disabled',
        subjectId: null,
        detail: { name: found.operator.name },
      });
    });
    return { ok: false, error: 'disabled', message: DISABLED_MESSAGE };
  }

  const sessionId = randomUUID();
  const expiresAt = now + policy.tokenTtlMs;
  const token = await signSessionToken(secret, {
    operatorId: found.operator.id,
    sessionId,
    issuedAt: now,
    expiresAt,
  });
  // A right guess still in flight when parallel wrong ones locked the name is refused too.
  // So is one whose account an administrator changed during the password check (another
  // process: a new password, disabled, signed out, new rights): their change ended the
  // sessions there were, and this one would have escaped it.
  const outcome = ctx.commit((): { locked: number } | { changed: true } | { operator: Operator } => {
    const lock = lockEndsAt(getLoginAttempts(db, name), now);
    if (lock !== null) return { locked: lock };
    const current = getOperatorByName(db, name);
    if (
      current === null ||
      current.passwordHash !== found.passwordHash ||
      current.disabledAt !== null ||
      visibilityKey(current.operator) !== visibilityKey(found.operator)
    ) {
      return { changed: true };
    }
    clearLoginAttempts(db, name);
    insertSession(db, { id: sessionId, operatorId: current.operator.id, issuedAt: now, expiresAt });
    appendAudit(db, {
      at: now,
      actorId: current.operator.id,
      action: 'login.success',
      subjectId: sessionId,
      detail: { name: current.operator.name },
    });
    return { operator: current.operator };
  });
  if ('locked' in outcome) return lockedReply(outcome.locked, now);
  if ('changed' in outcome) {
    return {
      ok: false,
      error: 'bad-credentials',
      message: 'The account changed while signing in. Try again.',
    };
  }
  return { ok: true, token, expiresAt, operator: outcome.operator, hubTime: ctx.now() };
}
