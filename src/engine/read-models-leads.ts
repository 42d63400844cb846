import type { Conversation, Operator, Queue } from '../shared/domain/entities';
import type { BoardItem, BoardOperatorRow, BoardQueueRow, WorkloadBoard } from '../shared/ipc/channels/leads';
import { shiftFromPut, type Shift } from '../shared/protocol/entities-leads';
import { clockStartOf, conversationRisk } from '../shared/workload';
import { getSlaStatuses } from './db/sla';
import { targetsOf } from './cache/optimistic';
import { getContacts, listQueues } from './db/directory';
import type { CacheDb } from './db/handle';
import { activityByOperator, inboundTimesSince, listShifts, unresolvedConversations } from './db/leads';
import { listOutbox } from './db/outbox';
import { operatorsView } from './read-models';

export const TREND_BUCKET_MS = 15 * 60_000;
/** Without a roster entry the trend covers the last 8 hours; never more than 12. */
const DEFAULT_TREND_MS = 8 * 60 * 60_000;
const MAX_TREND_MS = 12 * 60 * 60_000;
const QUEUE_ITEMS = 50;

const STATUS_ORDER: Record<Operator['status'], number> = {
  available: 0,
  busy: 1,
  'on-break': 2,
  'off-shift': 3,
  offline: 4,
};

/** What the lead's own queued (not yet acknowledged) changes will make of the desk. */
function withPending(
  db: CacheDb,
  me: string | null,
): { operators: Operator[]; queues: Queue[]; shifts: Shift[]; pendingIds: Set<string> } {
  let operators = operatorsView(db, me);
  let queues = listQueues(db);
  let shifts = listShifts(db);
  const pendingIds = new Set<string>();
  if (me === null) return { operators, queues, shifts, pendingIds };
  for (const { op } of listOutbox(db, me)) {
    for (const id of targetsOf(op)) pendingIds.add(id);
    switch (op.type) {
      case 'set-capacity':
        operators = operators.map((o) => (o.id === op.operatorId ? { ...o, capacity: op.capacity } : o));
        break;
      case 'set-auto-assign':
        queues = queues.map((q) => (q.id === op.queueId ? { ...q, autoAssign: op.autoAssign } : q));
        break;
      case 'shift-put': {
        const entry = shiftFromPut(op, me, op.createdAt);
        shifts = [...shifts.filter((s) => s.id !== op.shiftId), entry].sort(
          (a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id),
        );
        break;
      }
      case 'shift-remove':
        shifts = shifts.filter((s) => s.id !== op.shiftId);
        break;
      default:
        break;
    }
  }
  return { operators, queues, shifts, pendingIds };
}

const covering = (shifts: readonly Shift[], operatorId: string, at: number): Shift | null =>
  shifts.find((s) => s.operatorId === operatorId && s.startsAt <= at && at < s.endsAt) ?? null;

/**
 * The shift lead's workload board, from the local cache: every operator on shift (on the
 * roster now, at work by status, or still holding something) with their load and risk,
 * every queue, unclaimed emergencies first, and the desk's inbound volume per 15 minutes.
 */
export function workloadBoard(db: CacheDb, hubNow: number, me: string | null): WorkloadBoard {
  const { operators, queues, shifts, pendingIds } = withPending(db, me);
  const conversations = unresolvedConversations(db);
  const contacts = getContacts(
    db,
    conversations.map((c) => c.contactId),
  );
  const slaById = new Map(
    getSlaStatuses(
      db,
      conversations.map((c) => c.id),
    ).map((s) => [s.conversationId, s]),
  );
  const item = (c: Conversation): BoardItem => ({
    id: c.id,
    queueId: c.queueId,
    assigneeId: c.assigneeId,
    contactName: contacts.get(c.contactId)?.displayName ?? '',
    preview: c.preview,
    category: c.category,
    priority: c.priority,
    language: c.language,
    confidential: c.confidential,
    status: c.status === 'waiting-on-public' ? 'waiting-on-public' : 'open',
    awaitingFirstResponse: c.firstResponseAt === null,
    waitingSince: clockStartOf(c),
    responseDueAt: c.responseDueAt,
    risk: conversationRisk(c, slaById.get(c.id), hubNow),
    pending: pendingIds.has(c.id),
  });
  const items = conversations
    .map(item)
    .sort((a, b) => a.waitingSince - b.waitingSince || a.id.localeCompare(b.id));
  const held = new Map<string, BoardItem[]>();
  for (const i of items) {
    if (i.assigneeId === null) continue;
    const list = held.get(i.assigneeId) ?? [];
    list.push(i);
    held.set(i.assigneeId, list);
  }
  const activity = activityByOperator(db);
  const count = (list: readonly BoardItem[], p: (i: BoardItem) => boolean): number => list.filter(p).length;

  const operatorRows: BoardOperatorRow[] = operators
    .map((operator): BoardOperatorRow => {
      const mine = held.get(operator.id) ?? [];
      return {
        operator,
        shift: covering(shifts, operator.id, hubNow),
        held: mine.length,
        awaitingFirstResponse: count(mine, (i) => i.awaitingFirstResponse),
        atRisk: count(mine, (i) => i.risk === 'at-risk'),
        breached: count(mine, (i) => i.risk === 'breached'),
        oldestHeldSince: mine[0]?.waitingSince ?? null,
        lastAction: activity.get(operator.id) ?? null,
        items: mine,
      };
    })
    // Leads and admins appear only when rostered or holding work: they supervise, not answer.
    .filter(
      (row) =>
        row.shift !== null ||
        row.held > 0 ||
        (row.operator.role === 'operator' && ['available', 'busy', 'on-break'].includes(row.operator.status)),
    )
    .sort(
      (a, b) =>
        STATUS_ORDER[a.operator.status] - STATUS_ORDER[b.operator.status] ||
        a.operator.name.localeCompare(b.operator.name),
    );

  const queueRows: BoardQueueRow[] = queues.map((queue) => {
    const inQueue = items.filter((i) => i.queueId === queue.id);
    const waiting = inQueue.filter((i) => i.assigneeId === null);
    return {
      queue,
      depth: inQueue.length,
      unassigned: waiting.length,
      oldestWaitingSince: waiting[0]?.waitingSince ?? null,
      atRisk: count(inQueue, (i) => i.risk === 'at-risk' || i.risk === 'breached'),
      items: waiting.slice(0, QUEUE_ITEMS),
    };
  });

  const onNow = shifts.filter((s) => s.startsAt <= hubNow && hubNow < s.endsAt);
  const shiftStart =
    onNow.length === 0 ? hubNow - DEFAULT_TREND_MS : Math.min(...onNow.map((s) => s.startsAt));
  const from = Math.floor(Math.max(shiftStart, hubNow - MAX_TREND_MS) / TREND_BUCKET_MS) * TREND_BUCKET_MS;
  const counts = new Array<number>(Math.max(1, Math.ceil((hubNow - from + 1) / TREND_BUCKET_MS))).fill(0);
  for (const at of inboundTimesSince(db, from)) {
    const bucket = Math.floor((at - from) / TREND_BUCKET_MS);
    if (bucket >= 0 && bucket < counts.length) counts[bucket] = (counts[bucket] ?? 0) + 1;
  }

  return {
    hubNow,
    unclaimedEmergencies: items.filter(
      (i) => i.category === 'emergency' && i.assigneeId === null && i.status === 'open',
    ),
    operators: operatorRows,
    queues: queueRows,
    trend: { from, bucketMs: TREND_BUCKET_MS, counts },
    staff: operators,
    roster: shifts,
  };
}
