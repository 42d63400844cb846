import type { HubContext } from './context';
import { conversationsAssignedTo, conversationsWithLapsedLease } from './db/conversations';
import { getOperator, listOperators, setOperatorStatus } from './db/operators';
import { logOperator, putConversation, returnToQueue } from './record';

export interface LeaseKeeper {
  /** The operator's first console connected. */
  connected(operatorId: string): void;
  /** The operator's last console went away. */
  disconnected(operatorId: string): void;
  /** Lapses expired claims and marks long-gone operators offline. */
  sweep(): void;
  stop(): void;
}

/**
 * Claims are leases. While an operator has a console connected their claims never
 * expire; when the last one drops, each claim gets `now + grace`, and a claim still
 * expired at the next sweep goes back to its queue.
 */
export function startLeaseKeeper(ctx: HubContext): LeaseKeeper {
  const { db } = ctx;
  const goneSince = new Map<string, number>();
  /** Operators whose leases did not start when they left (that commit failed). */
  const leasesOwed = new Set<string>();

  const startLeases = (operatorId: string, now: number): void => {
    for (const c of conversationsAssignedTo(db, operatorId)) {
      if (c.leaseExpiresAt !== null) continue;
      putConversation(db, now, { ...c, leaseExpiresAt: now + ctx.leaseGraceMs, updatedAt: now });
    }
  };

  // After a restart nobody is connected yet: every operator starts their grace period now.
  ctx.commit(() => {
    const now = ctx.now();
    for (const operator of listOperators(db)) {
      if (operator.status !== 'offline') goneSince.set(operator.id, now);
      startLeases(operator.id, now);
    }
  });

  const keeper: LeaseKeeper = {
    connected(operatorId) {
      goneSince.delete(operatorId);
      leasesOwed.delete(operatorId);
      ctx.commit(() => {
        const now = ctx.now();
        for (const c of conversationsAssignedTo(db, operatorId)) {
          if (c.leaseExpiresAt === null) continue;
          putConversation(db, now, { ...c, leaseExpiresAt: null, updatedAt: now });
        }
        const operator = getOperator(db, operatorId);
        // `offline` is the hub's word, not the operator's: coming back undoes it.
        if (operator !== null && operator.status === 'offline') {
          setOperatorStatus(db, operatorId, 'available', now);
          logOperator(db, now, { ...operator, status: 'available', statusSince: now });
        }
      });
    },
    disconnected(operatorId) {
      const now = ctx.now();
      goneSince.set(operatorId, now);
      leasesOwed.add(operatorId);
      ctx.commit(() => {
        startLeases(operatorId, now);
      });
      leasesOwed.delete(operatorId);
    },
    sweep() {
      const owed = [...leasesOwed];
      ctx.commit(() => {
        const now = ctx.now();
        // Leases that did not start when the operator left (that commit failed: a locked or
        // failing disk) start here, from when they left; otherwise their claims would
        // never lapse.
        for (const operatorId of owed) {
          const since = goneSince.get(operatorId);
          if (since !== undefined && !ctx.isOnline(operatorId)) startLeases(operatorId, since);
        }
        for (const c of conversationsWithLapsedLease(db, now)) {
          if (c.assigneeId === null || ctx.isOnline(c.assigneeId)) continue;
          returnToQueue(
            db,
            now,
            c,
            'Your claim lapsed while your console was disconnected; the conversation went back to its queue.',
          );
        }
        for (const [operatorId, since] of goneSince) {
          if (since + ctx.leaseGraceMs > now || ctx.isOnline(operatorId)) continue;
          goneSince.delete(operatorId);
          const operator = getOperator(db, operatorId);
          if (operator === null || operator.status === 'offline') continue;
          setOperatorStatus(db, operatorId, 'offline', now);
          logOperator(db, now, { ...operator, status: 'offline', statusSince: now });
        }
      });
      for (const operatorId of owed) leasesOwed.delete(operatorId);
    },
    stop() {
      clearInterval(timer);
    },
  };
  const timer = setInterval(
    () => {
      try {
        keeper.sweep();
      } catch (error) {
        ctx.log(`[leases] sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    Math.max(20, Math.min(1000, Math.floor(ctx.leaseGraceMs / 4))),
  );
  timer.unref();
  return keeper;
}
