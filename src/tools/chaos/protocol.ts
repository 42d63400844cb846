import { z } from 'zod';

/**
 * The JSON lines a chaos console worker and its parent exchange: commands on the worker's
 * stdin, replies and events on its stdout. Both sides parse every line with these schemas.
 */
export const workerCommandSchema = z.discriminatedUnion('cmd', [
  /** Start or stop taking random actions, about one per `intervalMs`. */
  z.object({
    cmd: z.literal('act'),
    id: z.number().int(),
    on: z.boolean(),
    intervalMs: z.number().int().min(10),
  }),
  z.object({ cmd: z.literal('disconnect'), id: z.number().int() }),
  z.object({ cmd: z.literal('reconnect'), id: z.number().int() }),
  z.object({ cmd: z.literal('status'), id: z.number().int() }),
  /** Hashes of the confirmed cache; `tamper` first edits a cached row (to prove the check can fail). */
  z.object({ cmd: z.literal('hashes'), id: z.number().int(), tamper: z.boolean() }),
  z.object({ cmd: z.literal('close'), id: z.number().int() }),
]);
export type WorkerCommand = z.infer<typeof workerCommandSchema>;
export type WorkerCommandInput = WorkerCommand extends infer C
  ? C extends { id: number }
    ? Omit<C, 'id'>
    : never
  : never;

const hashesSchema = z.object({
  queue: z.string(),
  contact: z.string(),
  conversation: z.string(),
  message: z.string(),
});

export const workerStatusSchema = z.object({
  link: z.string(),
  signedIn: z.boolean(),
  lastSeq: z.number().int(),
  outbox: z.number().int(),
});
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

export const workerLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), consoleId: z.string() }),
  z.object({ kind: z.literal('log'), line: z.string() }),
  /** An action is in the outbox (committed with its local effect). */
  z.object({
    kind: z.literal('submitted'),
    opId: z.string(),
    type: z.string(),
    body: z.string().nullable(),
  }),
  /** The engine told its operator the hub's answer. */
  z.object({
    kind: z.literal('outcome'),
    opId: z.string(),
    type: z.string(),
    outcome: z.enum(['accepted', 'rejected']),
  }),
  z.object({ kind: z.literal('done'), id: z.number().int() }),
  z.object({ kind: z.literal('failed'), id: z.number().int(), error: z.string() }),
  z.object({ kind: z.literal('status'), id: z.number().int(), status: workerStatusSchema }),
  z.object({
    kind: z.literal('hashes'),
    id: z.number().int(),
    token: z.string(),
    lastSeq: z.number().int(),
    confirmed: hashesSchema,
    view: z.string(),
    /** Rows kept for pending actions that must be gone once nothing is pending. */
    leftovers: z.object({ confirmedCopies: z.number().int(), pendingViews: z.number().int() }),
  }),
]);
export type WorkerLine = z.infer<typeof workerLineSchema>;
