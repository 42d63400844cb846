import { randomUUID } from 'node:crypto';
import type { LoginRequest, LoginResponse } from '../../shared/protocol';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import { getOperatorByName } from '../db/operators';
import { clearLoginAttempts, getLoginAttempts, insertSession, saveLoginAttempts } from '../db/sessions';
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
  const attempts = getLoginAttempts(db, name);
  const started = ctx.now();
  if (attempts?.lockedUntil != null && attempts.lockedUntil > started) {
    ctx.commit(() =>
      appendAudit(db, {
        at: started,
        actorId: null,
        action: 'login.locked',
        subjectId: null,
        detail: { name },
      }),
    );
    return {
      ok: false,
      error: 'locked',
      message: 'Too many failed sign-ins: this name is locked for a while.',
      retryAfterMs: attempts.lockedUntil - started,
    };
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
      const stillLocked = current?.lockedUntil != null && current.lockedUntil > now;
      const failures = stillLocked
        ? current.failures + 1
        : (current?.lockedUntil != null ? 0 : (current?.failures ?? 0)) + 1;
      const lockedUntil = stillLocked
        ? current.lockedUntil
        : failures >= policy.lockAfter
          ? now + policy.lockMs
          : null;
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
    if (lockedUntil !== null) {
      return {
        ok: false,
        error: 'locked',
        message: 'Too many failed sign-ins: this name is locked for a while.',
        retryAfterMs: lockedUntil - now,
      };
    }
    if (failures > policy.freeFailures) {
      await sleep(policy.slowStepMs * 2 ** (failures - policy.freeFailures - 1));
    }
    return { ok: false, error: 'bad-credentials', message: 'Name or password not recognised.' };
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
  const lockedMeanwhile = ctx.commit(() => {
    const current = getLoginAttempts(db, name);
    if (current?.lockedUntil != null && current.lockedUntil > now) return current.lockedUntil;
    clearLoginAttempts(db, name);
    insertSession(db, { id: sessionId, operatorId: found.operator.id, issuedAt: now, expiresAt });
    appendAudit(db, {
      at: now,
      actorId: found.operator.id,
      action: 'login.success',
      subjectId: sessionId,
      detail: { name: found.operator.name },
    });
    return null;
  });
  if (lockedMeanwhile !== null) {
    return {
      ok: false,
      error: 'locked',
      message: 'Too many failed sign-ins: this name is locked for a while.',
      retryAfterMs: lockedMeanwhile - now,
    };
  }
  return { ok: true, token, expiresAt, operator: found.operator, hubTime: ctx.now() };
}
