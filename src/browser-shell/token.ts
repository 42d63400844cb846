import { randomBytes, timingSafeEqual } from 'node:crypto';

export const newLaunchToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(expected: string, offered: string | null): boolean {
  if (offered === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}
