import { z } from 'zod';

export const ipcErrorCodeSchema = z.enum([
  'unknown-channel',
  'invalid-arguments',
  'untrusted-sender',
  'invalid-output',
  'internal',
  // Domain outcomes a handler reports on purpose; the UI shows `message`.
  'bad-credentials',
  'locked',
  'disabled',
  'unreachable',
  'untrusted-certificate',
  'not-signed-in',
  'not-found',
  'forbidden',
  'invalid',
  'setting-locked',
  // The browser shell's bridge: the local shell behind the page has gone.
  'shell-gone',
]);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcErrorSchema = z.object({ code: ipcErrorCodeSchema, message: z.string() });
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Everything that crosses the bridge is a result: nothing is thrown across it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: IpcErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Thrown by a handler to report an expected failure (wrong password, hub unreachable).
 * The dispatcher turns it into `{ ok: false, error }`; anything else becomes `internal`.
 */
export class DeskFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskFailure';
  }
}
