import { z } from 'zod';
import { epochMsSchema, idSchema, operatorSchema } from '../domain/entities';
import { changeBatchSchema, entityRecordSchema, seqSchema, type ChangeBatch } from './changes';
import { operationAckSchema, type Operation, type OperationAck } from './operations';

/** socket.io `auth` payload, checked by the hub's middleware on every (re)connection. */
export const handshakeAuthSchema = z.object({
  token: z.string().min(1).max(4000),
  consoleId: z.uuid(),
  lastSeq: seqSchema,
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** First thing the hub says on a connection: who you are and where the log stands. */
export const helloSchema = z.object({
  operator: operatorSchema,
  headSeq: seqSchema,
  /** Oldest sequence still kept; a console whose lastSeq is below it needs a snapshot. */
  oldestSeq: seqSchema,
  hubTime: epochMsSchema,
});
export type Hello = z.infer<typeof helloSchema>;

export const pullRequestSchema = z.object({
  afterSeq: seqSchema,
  limit: z.number().int().min(1).max(5000),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pullResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('changes'), batch: changeBatchSchema, headSeq: seqSchema }),
  /** The log no longer reaches back to afterSeq: the console must take a snapshot. */
  z.object({ kind: z.literal('snapshot-required'), oldestSeq: seqSchema }),
  z.object({ kind: z.literal('error'), error: z.string() }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const snapshotRequestSchema = z.object({
  cursor: z.string().max(500).nullable(),
  limit: z.number().int().min(1).max(5000),
});
export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;

/**
 * Pages of whole entities. `seq` is the head when the first page was cut: after the last
 * page the console pulls changes after it, which brings every page up to date.
 */
export const snapshotResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('page'),
    seq: seqSchema,
    records: z.array(entityRecordSchema),
    nextCursor: z.string().max(500).nullable(),
    hubTime: epochMsSchema,
  }),
  z.object({ kind: z.literal('error'), error: z.string() }),
]);
export type SnapshotResponse = z.infer<typeof snapshotResponseSchema>;

export const viewingSchema = z.object({ conversationId: idSchema.nullable() });

/** Who is looking at which conversation right now (not persisted, not in the log). */
export const viewersSchema = z.object({
  conversationId: idSchema,
  operatorIds: z.array(idSchema),
});
export type Viewers = z.infer<typeof viewersSchema>;

export const socketErrorSchema = z.object({ error: z.string() });

export interface ServerToClientEvents {
  'hub:hello': (hello: z.infer<typeof helloSchema>) => void;
  'sync:changes': (batch: ChangeBatch) => void;
  'presence:viewers': (viewers: Viewers) => void;
}

export interface ClientToServerEvents {
  'sync:pull': (req: PullRequest, ack: (res: PullResponse) => void) => void;
  'sync:snapshot': (req: SnapshotRequest, ack: (res: SnapshotResponse) => void) => void;
  'op:submit': (op: Operation, ack: (res: OperationAck | z.infer<typeof socketErrorSchema>) => void) => void;
  'presence:viewing': (req: z.infer<typeof viewingSchema>) => void;
}

export { operationAckSchema };
