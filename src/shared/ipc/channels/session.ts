import { z } from 'zod';
import { operatorSchema } from '../../domain/entities';
import { channel } from '../channel';

/** A hub address the operator may type: http(s) for the login API, the socket follows it. */
export const hubUrlSchema = z
  .url()
  .refine((u) => /^(https?|wss?):\/\//.test(u), 'The hub address must start with https:// or http://');

export const sessionStateSchema = z.object({
  hubUrl: z.string().nullable(),
  /** Set by the installer's machine policy: the UI shows the address but cannot change it. */
  hubUrlLocked: z.boolean(),
  hubUrlLockReason: z.string().nullable(),
  signedIn: z.boolean(),
  operator: operatorSchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInInputSchema = z.object({
  hubUrl: hubUrlSchema,
  name: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const sessionChannels = {
  'session.getState': channel(z.undefined(), sessionStateSchema),
  /** Fails with bad-credentials, locked, unreachable or untrusted-certificate. */
  'session.signIn': channel(signInInputSchema, sessionStateSchema),
  /** Forgets the token; the cache stays for the next sign-in. */
  'session.signOut': channel(z.undefined(), sessionStateSchema),
};
