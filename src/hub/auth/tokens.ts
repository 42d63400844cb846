import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export interface SessionClaims {
  readonly operatorId: string;
  readonly sessionId: string;
  readonly expiresAt: number;
}

const claimsSchema = z.object({ sub: z.string().min(1), jti: z.string().min(1), exp: z.number() });

const ISSUER = 'social-desk-hub';

export async function signSessionToken(
  secret: Uint8Array,
  args: { operatorId: string; sessionId: string; issuedAt: number; expiresAt: number },
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(args.operatorId)
    .setJti(args.sessionId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(args.issuedAt / 1000))
    .setExpirationTime(Math.floor(args.expiresAt / 1000))
    .sign(secret);
}

/** Throws with a short reason when the token is forged, malformed or expired. */
export async function verifySessionToken(
  secret: Uint8Array,
  token: string,
  now: number,
): Promise<SessionClaims> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ['HS256'],
    issuer: ISSUER,
    currentDate: new Date(now),
  });
  const claims = claimsSchema.parse(payload);
  return { operatorId: claims.sub, sessionId: claims.jti, expiresAt: claims.exp * 1000 };
}
