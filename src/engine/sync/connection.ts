import { io, type Socket } from 'socket.io-client';
import { changeBatchSchema, type ChangeBatch } from '../../shared/protocol/changes';
import type { Operation } from '../../shared/protocol/operations';
import {
  helloSchema,
  pullResponseSchema,
  snapshotResponseSchema,
  viewersSchema,
  type ClientToServerEvents,
  type Hello,
  type PullRequest,
  type ServerToClientEvents,
  type SnapshotRequest,
  type Viewers,
} from '../../shared/protocol/socket';
import { applyBatch, lastSeqOf } from '../cache/apply-batch';
import { ChangeSet } from '../cache/records';
import { applySnapshotPage, beginSnapshot, finishSnapshot } from '../cache/snapshot';
import type { CacheDb } from '../db/handle';
import { requeueAcked, type OutboxRow } from '../db/outbox';
import { backoffDelay } from './backoff';
import { joinBatches } from './join-batches';
import { OutboxSender, type AckReport } from './outbox-sender';

export type LinkStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionDeps {
  readonly db: CacheDb;
  readonly hubUrl: string;
  readonly token: string;
  readonly consoleId: string;
  readonly operatorId: string;
  readonly ca: string[] | undefined;
  readonly log: (line: string) => void;
  readonly now: () => number;
  /** Page sizes; tests shrink them to exercise paging. */
  readonly pullLimit?: number;
  readonly snapshotLimit?: number;
  /** How long to wait for any acknowledgement before treating the hub as unreachable. */
  readonly ackTimeoutMs?: number;
  /** How many actions may await their acknowledgement at once. */
  readonly sendWindow?: number;
  readonly onStatus: (status: LinkStatus) => void;
  readonly onHello: (hello: Hello) => void;
  readonly onHubTime: (hubTime: number, localAt: number) => void;
  readonly onSynced: () => void;
  readonly onChanges: (changes: ChangeSet) => void;
  readonly onSettled: (rows: readonly OutboxRow[]) => void;
  /** The hub's answers to a run of this console's actions, in the order they were taken. */
  readonly onAcks: (acks: readonly AckReport[]) => void;
  readonly onViewers: (viewers: Viewers) => void;
  /** The hub refused the session (expired or revoked token): the operator must sign in again. */
  readonly onAuthRejected: (message: string) => void;
}

type HubRequest =
  | { readonly event: 'sync:pull'; readonly payload: PullRequest }
  | { readonly event: 'sync:snapshot'; readonly payload: SnapshotRequest }
  | { readonly event: 'op:submit'; readonly payload: Operation };

class Offline extends Error {
  constructor() {
    super('not connected to the hub');
  }
}

const AUTH_ERROR = /token|auth|session|expired|sign(ed)? ?in|unauthori[sz]ed/i;

/**
 * One operator's link to the hub: socket.io with reconnect forever, catch-up by pulling
 * (or a snapshot when the log no longer reaches back), live batches applied only when
 * contiguous, and the outbox drained in order with acks (pipelined: see OutboxSender).
 * Every piece of sync work runs on one serial chain so batches are applied strictly in
 * sequence order.
 */
export class HubConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private chain: Promise<void> = Promise.resolve();
  /** Live batches received but not yet applied, oldest first. */
  private liveBacklog: ChangeBatch[] = [];
  private caughtUp = false;
  private closed = false;
  private readonly sender: OutboxSender;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectAttempts = 0;
  private catchUpFailures = 0;

  constructor(private readonly deps: ConnectionDeps) {
    this.socket = io(deps.hubUrl.replace(/^http(s?):\/\//, 'ws$1://'), {
      // A function, so every reconnection presents the sequence applied by then.
      auth: (cb) => {
        cb({ token: deps.token, consoleId: deps.consoleId, lastSeq: lastSeqOf(deps.db) });
      },
      transports: ['websocket'],
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 300,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
      autoConnect: false,
      ...(deps.ca ? { ca: deps.ca } : {}),
    });
    this.sender = new OutboxSender({
      db: deps.db,
      operatorId: deps.operatorId,
      now: deps.now,
      submit: (op) => this.request({ event: 'op:submit', payload: op }),
      isOffline: (error) => error instanceof Offline,
      canSend: () => this.caughtUp && !this.closed && this.socket.connected,
      onHubTime: deps.onHubTime,
      onAcks: deps.onAcks,
      window: deps.sendWindow,
      log: deps.log,
    });
    this.wire();
  }

  start(): void {
    this.deps.onStatus('connecting');
    this.socket.connect();
  }

  /** Sends whatever is queued, now, if the link is up. */
  kick(): void {
    void this.drain();
  }

  /** Tells the desk which conversation this operator has open. */
  viewing(conversationId: string | null): void {
    if (this.socket.connected) this.socket.emit('presence:viewing', { conversationId });
  }

  get connected(): boolean {
    return this.socket.connected && this.caughtUp;
  }

  /** Resolves once all sync work queued so far has run (used by tests and shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  close(): Promise<void> {
    this.closed = true;
    this.caughtUp = false;
    this.sender.stop();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    return this.chain;
  }

  // Read through a method: the flag changes across awaits, which flow analysis cannot see.
  private isClosed(): boolean {
    return this.closed;
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.reconnectAttempts = 0;
      this.deps.onStatus('connecting');
    });
    s.on('hub:hello', (raw: unknown) => {
      const hello = helloSchema.safeParse(raw);
      if (!hello.success) {
        this.deps.log('[sync] ignored a malformed hub:hello');
        return;
      }
      this.deps.onHubTime(hello.data.hubTime, this.deps.now());
      this.deps.onHello(hello.data);
      this.enqueue(() => this.catchUp());
    });
    s.on('sync:changes', (raw: unknown) => {
      const batch = changeBatchSchema.safeParse(raw);
      if (!batch.success) {
        this.deps.log('[sync] ignored a malformed sync:changes batch');
        return;
      }
      this.deps.onHubTime(batch.data.hubTime, this.deps.now());
      // Batches that arrive while earlier sync work runs are applied together: one
      // transaction and one refresh for a burst instead of one per batch.
      this.liveBacklog.push(batch.data);
      if (this.liveBacklog.length === 1) this.enqueue(() => this.live(this.liveBacklog.splice(0)));
    });
    s.on('presence:viewers', (raw: unknown) => {
      const viewers = viewersSchema.safeParse(raw);
      if (viewers.success) this.deps.onViewers(viewers.data);
    });
    s.on('disconnect', (reason) => {
      this.caughtUp = false;
      if (this.closed) return;
      this.deps.log(`[sync] disconnected: ${reason}`);
      this.deps.onStatus('offline');
      // The hub closed us on purpose: socket.io will not retry by itself.
      if (reason === 'io server disconnect') this.scheduleReconnect();
    });
    s.on('connect_error', (error) => {
      if (this.closed) return;
      this.deps.onStatus('offline');
      if (s.active) return; // the manager keeps retrying on its own
      if (AUTH_ERROR.test(error.message)) {
        this.deps.onAuthRejected(error.message);
        return;
      }
      this.deps.log(`[sync] the hub refused the connection: ${error.message}`);
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempts++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.deps.log(`[sync] ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Sends a request and waits for its ack, failing fast if the link drops meanwhile. */
  private request(req: HubRequest): Promise<unknown> {
    const s = this.socket;
    if (!s.connected) return Promise.reject(new Offline());
    const timed = s.timeout(this.deps.ackTimeoutMs ?? 15_000);
    const sent: Promise<unknown> =
      req.event === 'sync:pull'
        ? timed.emitWithAck('sync:pull', req.payload)
        : req.event === 'sync:snapshot'
          ? timed.emitWithAck('sync:snapshot', req.payload)
          : timed.emitWithAck('op:submit', req.payload);
    return new Promise((resolve, reject) => {
      const onDisconnect = (): void => {
        reject(new Offline());
      };
      s.once('disconnect', onDisconnect);
      sent.then(
        (value) => {
          s.off('disconnect', onDisconnect);
          resolve(value);
        },
        (error: unknown) => {
          s.off('disconnect', onDisconnect);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private async catchUp(): Promise<void> {
    if (this.closed || !this.socket.connected) return;
    try {
      await this.pullUntilCurrent();
    } catch (error) {
      if (error instanceof Offline || this.isClosed()) return;
      this.deps.log(`[sync] catch-up failed: ${error instanceof Error ? error.message : String(error)}`);
      this.catchUpLater();
      return;
    }
    this.catchUpFailures = 0;
    this.caughtUp = true;
    this.deps.onStatus('online');
    this.deps.onSynced();
    void this.drain();
  }

  /** Tries catching up again on the same connection after a pause, rather than spinning. */
  private catchUpLater(): void {
    this.catchUpFailures += 1;
    setTimeout(() => {
      if (!this.closed && this.socket.connected) this.enqueue(() => this.catchUp());
    }, backoffDelay(this.catchUpFailures)).unref();
  }

  private async live(batches: readonly ChangeBatch[]): Promise<void> {
    if (this.closed) return;
    try {
      const { batch, complete } = joinBatches(batches);
      const outcome = applyBatch(this.deps.db, batch, this.deps.operatorId);
      if (outcome.kind === 'applied') {
        this.report(outcome.changes, outcome.settled);
        this.deps.onSynced();
      }
      if ((outcome.kind === 'gap' || !complete) && this.caughtUp) await this.pullUntilCurrent();
    } catch (error) {
      if (error instanceof Offline || this.isClosed()) return;
      // The cache did not take the hub's changes (it was locked, or a pull after a gap
      // failed): it is now behind, and the status bar must not go on saying online while
      // nothing new arrives. Catch up again as after a reconnect; actions wait until then.
      this.deps.log(
        `[sync] live changes were not applied: ${error instanceof Error ? error.message : String(error)}; catching up again`,
      );
      if (!this.socket.connected) return;
      this.caughtUp = false;
      this.deps.onStatus('connecting');
      this.catchUpLater();
    }
  }

  private report(changes: ChangeSet, settled: readonly OutboxRow[]): void {
    if (settled.length > 0) this.deps.onSettled(settled);
    if (changes.conversationIds.size > 0 || changes.lists || changes.notices.length > 0) {
      this.deps.onChanges(changes);
    }
  }

  /** One `sync:pull`, answered or failed, never rejecting (so a page asked for early can be dropped). */
  private pull(
    afterSeq: number,
    limit: number,
  ): Promise<{ ok: true; answer: unknown } | { ok: false; error: unknown }> {
    return this.request({ event: 'sync:pull', payload: { afterSeq, limit } }).then(
      (answer) => ({ ok: true as const, answer }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  /**
   * Pulls pages until the cache is level with the hub. The next page is asked for before
   * this one is applied, so the hub reads and sends it while the console writes: a console
   * far behind is then bounded by its own writing, not by the two taking turns.
   */
  private async pullUntilCurrent(): Promise<void> {
    const limit = this.deps.pullLimit ?? 1000;
    let afterSeq = lastSeqOf(this.deps.db);
    let next = this.pull(afterSeq, limit);
    for (;;) {
      const got = await next;
      if (!got.ok) throw got.error instanceof Error ? got.error : new Error(String(got.error));
      const res = pullResponseSchema.safeParse(got.answer);
      if (!res.success)
        throw new Error('the hub answered sync:pull with something this console does not understand');
      const answer = res.data;
      if (answer.kind === 'error') throw new Error(`the hub refused sync:pull: ${answer.error}`);
      if (answer.kind === 'snapshot-required') {
        await this.takeSnapshot();
        afterSeq = lastSeqOf(this.deps.db);
        next = this.pull(afterSeq, limit);
        continue;
      }
      this.deps.onHubTime(answer.batch.hubTime, this.deps.now());
      if (answer.headSeq < afterSeq) {
        // The hub's log ends before our cache does (restored from a backup): start again.
        // Accepted actions still waiting for their effect go again first, committed before
        // the snapshot moves lastSeq back (a crash in between finds the hub behind again).
        const requeued = requeueAcked(this.deps.db);
        this.deps.log(
          `[sync] the hub is behind this cache: taking a snapshot; ${String(requeued)} accepted action(s) to send again`,
        );
        await this.takeSnapshot();
        // Found by a live batch the link is already up: send them now (a catch-up sends
        // once it is done).
        void this.drain();
        return;
      }
      const more = answer.batch.upTo < answer.headSeq;
      // Pages overlap safely if this one turns out stale: applyBatch skips what it has.
      if (more) next = this.pull(answer.batch.upTo, limit);
      const outcome = applyBatch(this.deps.db, answer.batch, this.deps.operatorId);
      if (outcome.kind === 'applied') this.report(outcome.changes, outcome.settled);
      if (outcome.kind === 'gap')
        throw new Error(`sync:pull after ${String(afterSeq)} started at ${String(answer.batch.after)}`);
      const now = lastSeqOf(this.deps.db);
      if (!more || now >= answer.headSeq || now === afterSeq) return;
      afterSeq = now;
    }
  }

  private async takeSnapshot(): Promise<void> {
    const limit = this.deps.snapshotLimit ?? 1000;
    this.deps.log('[sync] the change log no longer reaches back to this cache: taking a snapshot');
    beginSnapshot(this.deps.db);
    let cursor: string | null = null;
    let seq: number | null = null;
    do {
      const res = snapshotResponseSchema.safeParse(
        await this.request({ event: 'sync:snapshot', payload: { cursor, limit } }),
      );
      if (!res.success)
        throw new Error('the hub answered sync:snapshot with something this console does not understand');
      const page = res.data;
      if (page.kind === 'error') throw new Error(`the hub refused sync:snapshot: ${page.error}`);
      seq ??= page.seq;
      this.deps.onHubTime(page.hubTime, this.deps.now());
      this.report(applySnapshotPage(this.deps.db, page.records, this.deps.operatorId), []);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const { changes, settled } = finishSnapshot(this.deps.db, seq, this.deps.operatorId);
    this.report(changes, settled);
  }

  private drain(): Promise<void> {
    return this.sender.drain();
  }
}
