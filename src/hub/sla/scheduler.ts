import type { HubContext } from '../context';
import { dueSlaConversations, earliestSlaChange } from '../db/sla';
import { reevaluateSla } from './conversation-sla';

/** Longest a timer sleeps before looking again (and well inside setTimeout's range). */
const MAX_SLEEP_MS = 60 * 60_000;
/** A clock that keeps coming due in one pass would be a bug; never spin on it. */
const MAX_PASSES = 20;

export interface SlaScheduler {
  /** Looks at the earliest pending clock change again; call after every commit. */
  rearm(): void;
  stop(): void;
}

/**
 * Raises at-risk and breached alerts when clocks reach their warning points and targets.
 * It keeps one timer on the earliest `next_change_at` in the database, so nothing is held
 * only in memory: after a restart the first pass raises whatever came due while the hub
 * was down (stamped with the time it really happened), exactly once.
 */
export function startSlaScheduler(ctx: HubContext): SlaScheduler {
  let timer: NodeJS.Timeout | null = null;
  let armedFor: number | null = null;
  let stopped = false;
  let running = false;

  const runDue = (): void => {
    running = true;
    try {
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const done = ctx.commit(() => {
          const now = ctx.now();
          const ids = dueSlaConversations(ctx.db, now);
          for (const id of ids) reevaluateSla(ctx.db, now, id);
          return ids.length;
        });
        if (done === 0) break;
      }
    } catch (error) {
      ctx.log(`[sla] scheduler pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
    arm();
  };

  const arm = (): void => {
    if (stopped || running) return;
    const next = earliestSlaChange(ctx.db);
    // Re-arming for the same instant keeps the timer, unless that instant has already come
    // (the hub clock can jump, e.g. after a suspend): then it runs now.
    if (next === armedFor && timer !== null && (next === null || next > ctx.now())) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    armedFor = next;
    if (next === null) return;
    const delay = Math.max(0, Math.min(MAX_SLEEP_MS, next - ctx.now()));
    timer = setTimeout(() => {
      timer = null;
      armedFor = null;
      runDue();
    }, delay);
    timer.unref();
  };

  runDue();
  return {
    rearm: arm,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
