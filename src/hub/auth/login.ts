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
    const failures = (attempts?.lockedUntil != null ? 0 : (attempts?.failures ?? 0)) + 1;
    const lockedUntil = failures >= policy.lockAfter ? now + policy.lockMs : null;
    ctx.commit(() => {
      saveLoginAttempts(db, name, { failures, lastFailureAt: now, lockedUntil });
      appendAudit(db, {
        at: now,
        actorId: found?.operator.id ?? null,
        action: 'login.failure',
        subjectId: null,
        detail: { name, failures, locked: lockedUntil !== null },
      });
    });
    if (lockedUntil !== null) {
      return {
        ok: false,
        error: 'locked',
        message: 'Too many failed sign-ins: this name is locked for a while.',
        retryAfterMs: policy.lockMs,
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
  ctx.commit(() => {
    clearLoginAttempts(db, name);
    insertSession(db, { id: sessionId, operatorId: found.operator.id, issuedAt: now, expiresAt });
    appendAudit(db, {
      at: now,
      actorId: found.operator.id,
      action: 'login.success',
      subjectId: sessionId,
      detail: { name: found.operator.name },
    });
  });
  return { ok: true, token, expiresAt, operator: found.operator, hubTime: ctx.now() };
}
