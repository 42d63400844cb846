import { isLead, type Operator, type OperatorStatus } from '../../shared/domain';
import { shiftFromPut, type OperationInput } from '../../shared/protocol';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import { conversationsAssignedTo } from '../db/conversations';
import { getOperator, setOperatorStatus } from '../db/operators';
import { getQueue } from '../db/queues';
import { getShift } from '../db/shifts';
import { setOperatorCapacity } from '../db/workload';
import { logOperator, putQueue, returnToQueue } from '../record';
import { putActivity, putShift } from '../record-leads';
import { ACCEPTED, rejected, type OpOutcome } from './outcome';

/** The longest roster entry a lead can write: a long shift with handover either side. */
const MAX_SHIFT_MS = 24 * 60 * 60_000;

type LeadOp = Extract<
  OperationInput,
  { type: 'shift-put' | 'shift-remove' | 'set-capacity' | 'set-auto-assign' }
>;

export interface LeadScope {
  readonly ctx: HubContext;
  readonly actor: Operator;
  readonly now: number;
}

/** Roster, capacity and automatic assignment: shift leads and admins only. */
export function applyLeadOperation(scope: LeadScope, op: LeadOp): OpOutcome {
  const { ctx, actor, now } = scope;
  if (!isLead(actor))
    return rejected(
      'forbidden',
      'Only shift leads and admins can change the roster, capacity or automatic assignment.',
    );
  const { db } = ctx;
  switch (op.type) {
    case 'shift-put': {
      if (getOperator(db, op.operatorId) === null)
        return rejected('not-found', `No operator ${op.operatorId}.`);
      if (op.endsAt <= op.startsAt) return rejected('invalid', 'A shift must end after it starts.');
      if (op.endsAt - op.startsAt > MAX_SHIFT_MS)
        return rejected('invalid', 'A shift cannot be longer than 24 hours.');
      putShift(db, now, shiftFromPut(op, actor.id, now));
      return ACCEPTED;
    }
    case 'shift-remove': {
      const shift = getShift(db, op.shiftId);
      if (shift === null) return rejected('not-found', `No roster entry ${op.shiftId}.`);
      if (shift.removed) return ACCEPTED;
      putShift(db, now, { ...shift, removed: true, updatedBy: actor.id, updatedAt: now });
      return ACCEPTED;
    }
    case 'set-capacity': {
      const operator = getOperator(db, op.operatorId);
      if (operator === null) return rejected('not-found', `No operator ${op.operatorId}.`);
      if (operator.capacity === op.capacity) return ACCEPTED;
      setOperatorCapacity(db, operator.id, op.capacity);
      logOperator(db, now, { ...operator, capacity: op.capacity });
      return ACCEPTED;
    }
    case 'set-auto-assign': {
      const queue = getQueue(db, op.queueId);
      if (queue === null) return rejected('not-found', `No queue ${op.queueId}.`);
      if (queue.autoAssign === op.autoAssign) return ACCEPTED;
      putQueue(db, now, { ...queue, autoAssign: op.autoAssign });
      return ACCEPTED;
    }
  }
}

/**
 * An operator's own status. Going off shift hands back what still awaits a reply, so
 * nothing owed to the public sits with someone who has gone home; automatic assignment
 * (where on) then redistributes it in the same transaction.
 */
export function setOwnStatus(scope: LeadScope, status: Exclude<OperatorStatus, 'offline'>): OpOutcome {
  const { ctx, actor, now } = scope;
  if (actor.status === status) return ACCEPTED;
  setOperatorStatus(ctx.db, actor.id, status, now);
  logOperator(ctx.db, now, { ...actor, status, statusSince: now });
  if (status !== 'off-shift') return ACCEPTED;
  let returned = 0;
  for (const c of conversationsAssignedTo(ctx.db, actor.id)) {
    if (c.status !== 'open' || c.responseDueAt === null) continue;
    returnToQueue(
      ctx.db,
      now,
      c,
      'You went off shift: a conversation still awaiting a reply went back to its queue.',
    );
    appendAudit(ctx.db, {
      at: now,
      actorId: actor.id,
      action: 'assign.off-shift-return',
      subjectId: c.id,
      detail: { queueId: c.queueId },
    });
    returned += 1;
  }
  return returned === 0
    ? ACCEPTED
    : { kind: 'accepted', notice: `${String(returned)} unanswered conversation(s) went back to the queue.` };
}

/** The board's "last action": what the operator last did that the hub accepted. */
export function recordActivity(scope: LeadScope, action: string): void {
  if (action === 'open') return;
  putActivity(scope.ctx.db, scope.now, { id: scope.actor.id, action, at: scope.now });
}
