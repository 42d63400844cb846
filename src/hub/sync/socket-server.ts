import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { visibilityKey, type Operator } from '../../shared/domain';
import {
  handshakeAuthSchema,
  operationSchema,
  pullRequestSchema,
  snapshotRequestSchema,
  viewingSchema,
  type Change,
  type ServerToClientEvents,
} from '../../shared/protocol';
import type { HubContext } from '../context';
import { headSeq, logFloor, readChanges, type UnreadableChange } from '../db/change-log';
import { getOperator } from '../db/operators';
import { endedSessions } from '../db/sessions';
import { applyOperation } from '../ops/apply-operation';
import { pullChanges } from './pull';
import { createPublishGap } from './publish-gap';
import { snapshotPage } from './snapshot';
import { addressedToOne, visibleChange } from './visibility';

/** Inbound events are typed loosely on purpose: every payload is parsed with zod here. */
interface InboundEvents {
  'sync:pull': (req: unknown, ack: unknown) => void;
  'sync:snapshot': (req: unknown, ack: unknown) => void;
  'op:submit': (op: unknown, ack: unknown) => void;
  'presence:viewing': (req: unknown) => void;
}

interface SocketData {
  operatorId: string;
  sessionId: string;
  /** When the session token this socket signed in with runs out (hub clock, ms). */
  sessionExpiresAt: number;
  consoleId: string;
  lastSeq: number;
  viewing: string | null;
  /**
   * The consoleSeq of an operation from this console that failed (not refused: the hub could
   * not apply it). Later ones already in flight are turned back too, so a console sending
   * several at once still has them applied in its own order when it resends.
   */
  failedAt: number | null;
  /**
   * The consoleSeq of the operation received just before. A console sends each pass over its
   * outbox in increasing order and starts the next pass (from its oldest unanswered action)
   * only once every answer of the last one is in, so a step back means it has dealt with the
   * failure: it resends the failed action, or gave up on it after repeated failures.
   */
  prevConsoleSeq: number;
}

class OutOfOrder extends Error {}

type DeskSocket = Socket<InboundEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SyncServerDeps {
  /** Resolves to the operator the token belongs to and when it expires, or throws with a reason. */
  readonly authenticate: (
    token: string,
  ) => Promise<{ operator: Operator; expiresAt: number; sessionId: string }>;
  readonly onOperatorConnected: (operatorId: string) => void;
  readonly onOperatorDisconnected: (operatorId: string) => void;
  readonly afterOperation: () => void;
}

export interface SyncServer {
  /** Sends every change logged since the last call to every console, filtered per operator. */
  publish(): void;
  isOnline(operatorId: string): boolean;
  close(): Promise<void>;
}

const MAX_LIVE_BATCH = 5000;

/**
 * How often open links are checked against sessions ended since they connected. Accounts
 * are disabled and sessions ended by the hub CLI, another process, so the hub cannot be
 * told; it looks. The same look sends consoles whatever the CLI wrote to the change log
 * (a new user, a changed one) without waiting for the desk's next change.
 */
export const ACCOUNT_CHECK_MS = 2_000;

/**
 * A busy hub sends changes at most this often. Every send writes to every console's socket,
 * and at a hundred consoles those writes were most of what a stream of webhooks cost; now
 * the deliveries of a few milliseconds go out together. A change after a quiet spell still
 * goes out at once.
 */
export const PUBLISH_GAP_MS = 4;

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

type Ack = (response: unknown) => void;
const asAck = (value: unknown): Ack | null => (typeof value === 'function' ? (value as Ack) : null);

export function attachSyncServer(
  httpServer: HttpServer | HttpsServer,
  ctx: HubContext,
  deps: SyncServerDeps,
): SyncServer {
  const io = new Server<InboundEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    maxHttpBufferSize: 1024 * 1024,
    serveClient: false,
  });
  const sockets = new Set<DeskSocket>();
  const connectionsByOperator = new Map<string, number>();
  let publishedSeq = headSeq(ctx.db);
  const reportedUnreadable = new Set<number>();
  /** Said once per row, not at every publish and pull that passes it. */
  const reportUnreadable = (change: UnreadableChange): void => {
    if (reportedUnreadable.has(change.seq)) return;
    reportedUnreadable.add(change.seq);
    ctx.log(
      `[sync] change ${String(change.seq)} (${change.entity} ${change.entityId}) cannot be read (${change.problem}) and is left out; consoles get that ${change.entity} again with its next change, or from a snapshot`,
    );
  };

  io.use((socket, next) => {
    const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      next(new Error(`invalid-handshake: ${describe(parsed.error)}`));
      return;
    }
    deps.authenticate(parsed.data.token).then(
      ({ operator, expiresAt, sessionId }) => {
        socket.data.operatorId = operator.id;
        socket.data.sessionId = sessionId;
        socket.data.sessionExpiresAt = expiresAt;
        socket.data.consoleId = parsed.data.consoleId;
        socket.data.lastSeq = parsed.data.lastSeq;
        socket.data.viewing = null;
        socket.data.failedAt = null;
        socket.data.prevConsoleSeq = 0;
        next();
      },
      (error: unknown) => {
        next(new Error(`unauthorized: ${error instanceof Error ? error.message : 'invalid session token'}`));
      },
    );
  });

  const viewersOf = (conversationId: string): string[] => {
    const ids = new Set<string>();
    for (const s of sockets) if (s.data.viewing === conversationId) ids.add(s.data.operatorId);
    return [...ids].sort();
  };
  const announceViewers = (conversationId: string | null): void => {
    if (conversationId === null) return;
    io.emit('presence:viewers', { conversationId, operatorIds: viewersOf(conversationId) });
  };

  const currentOperator = (socket: DeskSocket): Operator | null =>
    getOperator(ctx.db, socket.data.operatorId);

  // A socket handler that throws (the database locked past its timeout, a damaged row) is
  // not caught by socket.io: it would end the hub, and every console's link with it. The
  // one request fails instead, and the console tries it again.
  const guarded = (what: string, work: () => void): void => {
    try {
      work();
    } catch (error) {
      ctx.log(`[sync] ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const answer = (what: string, ack: (answer: unknown) => void, read: () => unknown): void => {
    let result: unknown = { kind: 'error', error: `the hub could not answer ${what}; try again later` };
    guarded(what, () => {
      result = read();
    });
    ack(result);
  };

  io.on('connection', (socket: DeskSocket) => {
    const operator = currentOperator(socket);
    if (operator === null) {
      socket.disconnect(true);
      return;
    }
    sockets.add(socket);
    // A token is checked when the socket connects; a socket left open past the session's end
    // would go on receiving the desk's traffic indefinitely. It is closed then, and the
    // console's reconnect with the expired token asks the operator to sign in again.
    const expiry = setTimeout(
      () => {
        socket.disconnect(true);
      },
      Math.max(0, socket.data.sessionExpiresAt - ctx.now()),
    );
    const count = (connectionsByOperator.get(operator.id) ?? 0) + 1;
    connectionsByOperator.set(operator.id, count);
    socket.emit('hub:hello', {
      operator,
      headSeq: publishedSeq,
      oldestSeq: logFloor(ctx.db),
      hubTime: ctx.now(),
    });
    if (count === 1)
      guarded('an operator connecting', () => {
        deps.onOperatorConnected(operator.id);
      });

    socket.on('sync:pull', (req, rawAck) => {
      const ack = asAck(rawAck);
      if (ack === null) return;
      const parsed = pullRequestSchema.safeParse(req);
      if (!parsed.success) {
        ack({ kind: 'error', error: `invalid sync:pull: ${describe(parsed.error)}` });
        return;
      }
      const viewer = currentOperator(socket);
      if (viewer === null) {
        ack({ kind: 'error', error: 'operator no longer exists' });
        return;
      }
      answer('sync:pull', ack, () => pullChanges(ctx.db, viewer, parsed.data, ctx.now(), reportUnreadable));
    });

    socket.on('sync:snapshot', (req, rawAck) => {
      const ack = asAck(rawAck);
      if (ack === null) return;
      const parsed = snapshotRequestSchema.safeParse(req);
      if (!parsed.success) {
        ack({ kind: 'error', error: `invalid sync:snapshot: ${describe(parsed.error)}` });
        return;
      }
      const viewer = currentOperator(socket);
      if (viewer === null) {
        ack({ kind: 'error', error: 'operator no longer exists' });
        return;
      }
      answer('sync:snapshot', ack, () => snapshotPage(ctx.db, viewer, parsed.data, ctx.now()));
    });

    socket.on('op:submit', (raw, rawAck) => {
      const ack = asAck(rawAck);
      const parsed = operationSchema.safeParse(raw);
      if (!parsed.success) {
        ack?.({ error: `invalid operation: ${describe(parsed.error)}` });
        return;
      }
      const op = parsed.data;
      const newPass = op.consoleSeq <= socket.data.prevConsoleSeq;
      socket.data.prevConsoleSeq = op.consoleSeq;
      const markFailed = (): void => {
        socket.data.failedAt = Math.min(socket.data.failedAt ?? op.consoleSeq, op.consoleSeq);
      };
      // Operations arriving together (an outbox replaying after a reconnect, a busy desk)
      // share one commit; the console hears the outcome only once it is durable.
      ctx
        .commitGrouped(() => {
          const failedAt = socket.data.failedAt;
          if (failedAt !== null && op.consoleSeq > failedAt && !newPass) throw new OutOfOrder();
          // The console is resending from the one that failed (or gave up on it): back in order.
          socket.data.failedAt = null;
          try {
            return applyOperation(ctx, socket.data.operatorId, op);
          } catch (error) {
            markFailed();
            throw error;
          }
        })
        .then(
          (result) => {
            // The console hears the changes its action made before it hears the answer.
            gap.flush();
            ack?.(result);
            deps.afterOperation();
          },
          (error: unknown) => {
            if (error instanceof OutOfOrder) {
              ack?.({ error: 'an earlier action from this console failed; resend from that one' });
              return;
            }
            // The whole group's commit may have failed: later operations must wait too.
            markFailed();
            ctx.log(`[ops] ${op.opId} failed: ${error instanceof Error ? error.message : String(error)}`);
            ack?.({ error: 'the hub could not apply this operation; it changed nothing, retry later' });
          },
        );
    });

    socket.on('presence:viewing', (req) => {
      const parsed = viewingSchema.safeParse(req);
      if (!parsed.success) return;
      const before = socket.data.viewing;
      socket.data.viewing = parsed.data.conversationId;
      if (before !== parsed.data.conversationId) {
        announceViewers(before);
        announceViewers(parsed.data.conversationId);
      }
    });

    socket.on('disconnect', () => {
      clearTimeout(expiry);
      sockets.delete(socket);
      announceViewers(socket.data.viewing);
      const left = (connectionsByOperator.get(socket.data.operatorId) ?? 1) - 1;
      if (left <= 0) {
        connectionsByOperator.delete(socket.data.operatorId);
        guarded('an operator leaving', () => {
          deps.onOperatorDisconnected(socket.data.operatorId);
        });
      } else {
        connectionsByOperator.set(socket.data.operatorId, left);
      }
    });
  });

  const publishNow = (): void => {
    const head = headSeq(ctx.db);
    // Nobody to send to: consoles that connect later pull from the log.
    if (sockets.size === 0) publishedSeq = head;
    while (publishedSeq < head) {
      const after = publishedSeq;
      const page = readChanges(ctx.db, after, head, MAX_LIVE_BATCH, reportUnreadable);
      const rows = page.changes;
      const upTo = page.full ? (page.lastSeq ?? head) : head;
      publishedSeq = upTo;
      const hubTime = ctx.now();
      // Consoles that see the same changes get one broadcast, encoded once by socket.io,
      // instead of one encoding per socket: what made a desk of hundreds slow.
      const perOperator = rows.some(addressedToOne);
      const audiences = new Map<string, { viewer: Operator; socketIds: string[] }>();
      const viewers = new Map<string, Operator | null>();
      for (const socket of sockets) {
        let viewer = viewers.get(socket.data.operatorId);
        if (viewer === undefined) {
          viewer = currentOperator(socket);
          viewers.set(socket.data.operatorId, viewer);
        }
        if (viewer === null) continue;
        const key = perOperator ? viewer.id : visibilityKey(viewer);
        const audience = audiences.get(key);
        if (audience === undefined) audiences.set(key, { viewer, socketIds: [socket.id] });
        else audience.socketIds.push(socket.id);
      }
      for (const { viewer, socketIds } of audiences.values()) {
        const changes: Change[] = [];
        for (const row of rows) {
          const visible = visibleChange(row, viewer);
          if (visible !== null) changes.push(visible);
        }
        io.to(socketIds).emit('sync:changes', { after, upTo, changes, hubTime });
      }
    }
  };

  const gap = createPublishGap(publishNow, PUBLISH_GAP_MS);

  const accountCheck = setInterval(() => {
    try {
      const ended = new Set(endedSessions(ctx.db, [...new Set([...sockets].map((s) => s.data.sessionId))]));
      for (const socket of sockets) {
        if (!ended.has(socket.data.sessionId)) continue;
        ctx.log(`[sync] closing a link whose session was ended (operator ${socket.data.operatorId})`);
        // The console's reconnect is then refused, and it asks its operator to sign in.
        socket.disconnect(true);
      }
      if (headSeq(ctx.db) > publishedSeq) gap.request();
    } catch (error) {
      ctx.log(`[sync] account check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, ACCOUNT_CHECK_MS);
  accountCheck.unref();

  return {
    publish: () => {
      gap.request();
    },
    isOnline: (operatorId) => (connectionsByOperator.get(operatorId) ?? 0) > 0,
    close: () =>
      new Promise<void>((resolve) => {
        // After close the hub's workers may still commit while stopping: consoles pull that later.
        gap.stop();
        clearInterval(accountCheck);
        io.disconnectSockets(true);
        void io.close(() => {
          resolve();
        });
      }),
  };
}
