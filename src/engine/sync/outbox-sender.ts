import { operationAckSchema, type Operation, type OperationAck } from '../../shared/protocol/operations';
import { socketErrorSchema } from '../../shared/protocol/socket';
import { settleAcks, type AckOutcome } from '../cache/actions';
import type { CacheDb } from '../db/handle';
import { queuedAfter, recordAttempt, type OutboxRow } from '../db/outbox';
import { backoffDelay } from './backoff';

/** One action's answer, as taken into the cache. */
export interface AckReport {
  readonly row: OutboxRow;
  readonly ack: OperationAck;
  readonly outcome: AckOutcome;
}

export interface OutboxSenderDeps {
  readonly db: CacheDb;
  readonly operatorId: string;
  readonly now: () => number;
  /** Sends one operation; resolves with the hub's raw answer, rejects when none came. */
  readonly submit: (op: Operation) => Promise<unknown>;
  /** Whether a failed send failed because the link dropped (nothing to back off from). */
  readonly isOffline: (error: unknown) => boolean;
  /** Whether sending may start or go on: connected, caught up, not closed. */
  readonly canSend: () => boolean;
  readonly onHubTime: (hubTime: number, localAt: number) => void;
  /** The answers of a run of actions, in consoleSeq order, once they are in the cache. */
  readonly onAcks: (acks: readonly AckReport[]) => void;
  /** How many actions may await their answer at once. */
  readonly window?: number;
  readonly log: (line: string) => void;
}

/**
 * After this many answers to one action that are not its ack (the hub could not apply it, or
 * said something unreadable), it is rolled back and shown as failed. Link drops and timeouts
 * do not count: they say nothing about the action.
 */
export const MAX_BAD_ANSWERS = 5;
const DEFAULT_WINDOW = 128;

type Reply =
  { readonly kind: 'answer'; readonly raw: unknown } | { readonly kind: 'lost'; readonly error: unknown };

interface InFlight {
  readonly row: OutboxRow;
  readonly answered: Promise<void>;
  reply: Reply | null;
}

/** The first action of a pass that got no usable answer: the pass resends from it. */
interface Failure {
  readonly row: OutboxRow;
  readonly why: string;
  /** An answer came but was not an ack for this action (counts towards MAX_BAD_ANSWERS). */
  readonly bad: boolean;
  readonly offline: boolean;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Drains the outbox over one socket with many actions in flight: waiting for each answer
 * before sending the next made replaying an offline session cost a round trip (and a hub
 * commit) per action. Actions go out strictly in consoleSeq order and their answers are
 * taken in that order too.
 *
 * When one gets no usable answer (an error, a timeout, something unreadable), nothing more
 * is sent; the ones already in flight come back (the hub turns later ones back until the
 * console resends from the failed one, and those refusals are not held against them), then
 * the pass resends from the failed action after a pause. When the link drops, everything
 * unanswered stays queued and goes again after the next catch-up; the hub answers an action
 * it already applied with its stored ack, so nothing is applied twice.
 */
export class OutboxSender {
  private running = false;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly window: number;
  /**
   * Answers that were not an ack, per action. The outbox's `attempts` counts every try,
   * dropped links included, and only paces the retries: giving up on that count threw away
   * an action after one passing hub error if the link had dropped a few times before.
   * Kept in memory, so a restart gives the action its full number of answers again: it can
   * only be tried more, never dropped sooner.
   */
  private readonly badAnswers = new Map<string, number>();
  /** Passes in a row that ended in an error of this console's own (not an answer): paces retries. */
  private passErrors = 0;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.window = Math.max(1, deps.window ?? DEFAULT_WINDOW);
  }

  /** Sends whatever is queued; a call while a pass runs makes it look again before it ends. */
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    // Not held back by a pending retry: new work or a fresh connection tries again at once.
    if (this.stopped || !this.deps.canSend()) return;
    this.running = true;
    try {
      do {
        this.again = false;
        await this.pass();
        this.passErrors = 0;
      } while (this.shouldGoAgain());
    } catch (error) {
      // Callers start a drain and move on (`void drain()`): an error escaping here would be
      // an unhandled rejection, which ends a Node process. An outbox row this version cannot
      // read, or the cache failing under it, is logged and tried again later; the actions
      // stay queued and the count of waiting actions keeps showing them.
      this.passErrors += 1;
      this.deps.log(`[outbox] sending stopped: ${message(error)}; trying again later`);
      this.retryAfter(backoffDelay(this.passErrors));
    } finally {
      this.running = false;
    }
  }

  // A method, not inline: these fields change across awaits, which flow analysis cannot see.
  private shouldGoAgain(): boolean {
    return this.again && !this.stopped && this.retryTimer === null && this.deps.canSend();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private retryAfter(delayMs: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain();
    }, delayMs);
  }

  private send(row: OutboxRow): InFlight {
    const item: InFlight = {
      row,
      reply: null,
      answered: this.deps.submit(row.op).then(
        (raw: unknown) => {
          item.reply = { kind: 'answer', raw };
        },
        (error: unknown) => {
          item.reply = { kind: 'lost', error };
        },
      ),
    };
    return item;
  }

  /** One pipelined pass: until the outbox is empty, the link drops, or an action fails. */
  private async pass(): Promise<void> {
    const inFlight: InFlight[] = [];
    let lastSent = 0;
    let failure: Failure | null = null;
    for (;;) {
      if (failure === null && !this.stopped && this.deps.canSend() && inFlight.length < this.window) {
        for (const row of queuedAfter(
          this.deps.db,
          this.deps.operatorId,
          lastSent,
          this.window - inFlight.length,
        )) {
          inFlight.push(this.send(row));
          lastSent = row.op.consoleSeq;
        }
      }
      const head = inFlight[0];
      if (head === undefined) break;
      await head.answered;
      // Closed meanwhile (the cache may be closed too): what is unanswered stays queued.
      if (this.stopped) return;
      // Take every answer already in, in order: a run shares one transaction and one rebuild.
      const run: { row: OutboxRow; reply: Reply }[] = [];
      for (;;) {
        const next = inFlight[0];
        if (next === undefined || next.reply === null) break;
        run.push({ row: next.row, reply: next.reply });
        inFlight.shift();
      }
      const acks: { row: OutboxRow; ack: OperationAck }[] = [];
      for (const { row, reply } of run) {
        const ack = reply.kind === 'answer' ? ackFor(row, reply.raw) : null;
        if (ack !== null) {
          // A real answer is the hub's decision even after an earlier failure: keep it.
          acks.push({ row, ack });
        } else if (failure === null && reply.kind === 'lost') {
          const offline = this.deps.isOffline(reply.error);
          failure = { row, why: message(reply.error), bad: false, offline };
        } else if (failure === null && reply.kind === 'answer') {
          const refusal = socketErrorSchema.safeParse(reply.raw);
          const why = refusal.success ? refusal.data.error : 'an answer this console does not understand';
          failure = { row, why, bad: true, offline: false };
        }
        // Later ones without an ack are simply resent after the failed one.
      }
      if (acks.length > 0) this.settle(acks, true);
    }
    if (failure !== null) this.failed(failure);
  }

  private failed(failure: Failure): void {
    const { row, why } = failure;
    recordAttempt(this.deps.db, row.op.opId, why);
    if (failure.offline || this.stopped) return;
    const badAnswers = failure.bad ? (this.badAnswers.get(row.op.opId) ?? 0) + 1 : 0;
    if (failure.bad) this.badAnswers.set(row.op.opId, badAnswers);
    if (badAnswers >= MAX_BAD_ANSWERS) {
      this.settle(
        [
          {
            row,
            ack: {
              opId: row.op.opId,
              outcome: 'rejected',
              code: 'invalid',
              reason: `The hub could not take this action: ${why}`,
              hubTime: row.op.createdAt,
            },
          },
        ],
        false,
      );
      this.again = true;
      return;
    }
    this.retryAfter(backoffDelay(row.attempts));
  }

  private settle(acks: readonly { row: OutboxRow; ack: OperationAck }[], fromHub: boolean): void {
    if (fromHub) {
      const localAt = this.deps.now();
      for (const { ack } of acks) this.deps.onHubTime(ack.hubTime, localAt);
    }
    for (const { ack } of acks) this.badAnswers.delete(ack.opId);
    const outcomes = settleAcks(
      this.deps.db,
      acks.map((a) => a.ack),
      this.deps.operatorId,
    );
    this.deps.onAcks(
      acks.map(({ row, ack }, i) => ({ row, ack, outcome: outcomes[i] ?? { kind: 'unknown' } })),
    );
  }
}

/** The hub's ack for this action, or null if the answer is anything else. */
function ackFor(row: OutboxRow, raw: unknown): OperationAck | null {
  const ack = operationAckSchema.safeParse(raw);
  return ack.success && ack.data.opId === row.op.opId ? ack.data : null;
}
