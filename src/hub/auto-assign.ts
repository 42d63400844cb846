import { assignWaiting, type AssignableOperator } from '../shared/assignment';
import { clockStartOf } from '../shared/workload';
import type { HubContext } from './context';
import { appendAudit } from './db/audit';
import { getConversation } from './db/conversations';
import { listOperators } from './db/operators';
import { autoAssignQueueIds } from './db/queues';
import { heldCounts, waitingIn } from './db/workload';
import { addNotice, putConversation } from './record';

/** Enough to fill every seat on a large desk; anything older waits for the next run. */
const MAX_WAITING_PER_RUN = 2000;

/**
 * Runs the automatic assignment rule over the queues that have it switched on, inside the
 * caller's transaction, so an assignment commits (and is audited) with whatever freed the
 * seat or brought the work. Only operators take work this way; anyone with no console
 * connected counts as offline.
 * Returns how many conversations it handed out.
 */
export function runAutoAssign(ctx: HubContext): number {
  const { db } = ctx;
  const queueIds = autoAssignQueueIds(db);
  if (queueIds.length === 0) return 0;
  const waiting = waitingIn(db, queueIds, MAX_WAITING_PER_RUN);
  if (waiting.length === 0) return 0;
  const held = heldCounts(db);
  // Leads and admins supervise the desk: work reaches them only by hand.
  const operators: AssignableOperator[] = listOperators(db)
    .filter((o) => o.role === 'operator')
    .map((o) => ({
      id: o.id,
      status: ctx.isOnline(o.id) ? o.status : 'offline',
      skills: o.skills,
      capacity: o.capacity,
      held: held.get(o.id) ?? 0,
      statusSince: o.statusSince,
    }));
  const assignments = assignWaiting(
    operators,
    waiting.map((c) => ({
      id: c.id,
      waitingSince: clockStartOf(c),
      language: c.language,
      confidential: c.confidential,
    })),
  );
  const now = ctx.now();
  for (const { conversationId, operatorId } of assignments) {
    const c = getConversation(db, conversationId);
    if (c === null || c.assigneeId !== null) continue;
    putConversation(
      db,
      now,
      { ...c, assigneeId: operatorId, leaseExpiresAt: null, updatedAt: now },
      { assignmentChanged: true },
    );
    addNotice(db, now, {
      operatorId,
      kind: 'assigned-to-you',
      conversationId,
      text: 'A conversation was assigned to you automatically.',
    });
    appendAudit(db, {
      at: now,
      actorId: null,
      action: 'assign.auto',
      subjectId: conversationId,
      detail: { operatorId, queueId: c.queueId },
    });
  }
  return assignments.length;
}
