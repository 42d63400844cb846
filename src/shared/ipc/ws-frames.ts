import { z } from 'zod';
import { ipcErrorSchema } from './result';

/** Frames of the browser shell's loopback bridge: the same calls and events as Electron IPC. */
export const bridgeRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  // Optional: JSON drops `undefined`, which is how a call without arguments arrives.
  input: z.unknown().optional(),
});
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;

export const bridgeServerFrameSchema = z.union([
  z.object({
    kind: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: ipcErrorSchema }),
    ]),
  }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type BridgeServerFrame = z.infer<typeof bridgeServerFrameSchema>;

export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';
