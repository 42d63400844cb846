import { newId } from '../ids';
import type { SlaStatus } from '../../shared/protocol';
import {
  computeSla,
  reportRowFromOutcomes,
  responseDueAt,
  slaOutcomes,
  slaTransitions,
  type SlaEvent,
  type SlaPolicies,
  type SlaState,
  type SlaTimeline,
} from '../../shared/sla';
import { appendChange } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { getConversation, type HubConversation } from '../db/conversations';
import {
  appendSlaTimeline,
  getSlaConversation,
  insertSlaConversation,
  readSlaTimeline,
  saveSlaComputation,
  type SlaConversationRow,
} from '../db/sla';
import { currentPolicies } from './policies';

/*
 * The hub's SLA engine, per conversation. Every conversation write goes through
 * `putConversation` (record.ts), which asks {@link prepareSla} for the true due time
 * before saving and calls `settle` after logging the conversation. The timeline the
 * clocks read is derived from what changed between the stored row and the new one, so
 * no caller has to remember to report inbound, outbound, status, queue or priority moves.
 */

/** What changed for the SLA clocks between the stored conversation and the one being saved. */
export function timelineEventsBetween(
  previous: HubConversation | null,
  next: HubConversation,
  at: number,
): SlaEvent[] {
  const events: SlaEvent[] = [];
  if (previous === null) {
    events.push({ type: 'inbound', at: next.firstInboundAt });
    if (next.lastInboundAt > next.firstInboundAt) events.push({ type: 'inbound', at: next.lastInboundAt });
    if (next.firstResponseAt !== null) events.push({ type: 'outbound', at: next.firstResponseAt });
    if (next.lastResponseAt !== null && next.lastResponseAt !== next.firstResponseAt)
      events.push({ type: 'outbound', at: next.lastResponseAt });
    if (next.status !== 'open') events.push({ type: 'status', at, status: next.status });
    return events;
  }
  if (next.queueId !== previous.queueId) events.push({ type: 'queue', at, queueId: next.queueId });
  if (next.priority !== previous.priority) events.push({ type: 'priority', at, priority: next.priority });
  if (next.status !== previous.status) {
    events.push(
      previous.status === 'resolved' && next.status === 'open'
        ? { type: 'reopened', at }
        : { type: 'status', at, status: next.status },
    );
  }
  if (next.lastInboundAt > previous.lastInboundAt) events.push({ type: 'inbound', at: next.lastInboundAt });
  if (next.lastResponseAt !== null && next.lastResponseAt !== previous.lastResponseAt)
    events.push({ type: 'outbound', at: next.lastResponseAt });
  return events;
}

function timelineOf(
  row: SlaConversationRow | null,
  fallback: HubConversation,
  events: SlaEvent[],
): SlaTimeline {
  return {
    queueId: row?.initialQueueId ?? fallback.queueId,
    priority: row?.initialPriority ?? fallback.priority,
    events,
  };
}

export interface PreparedSla {
  /** The conversation with its true `responseDueAt`. */
  readonly conversation: HubConversation;
  /** Stores the timeline and state and logs status and alerts; call after the conversation is logged. */
  settle(): void;
}

/** Computes a conversation's SLA as of `at` for the row about to be saved. Writes nothing yet. */
export function prepareSla(db: HubDb, at: number, conversation: HubConversation): PreparedSla {
  const previous = getConversation(db, conversation.id);
  const row = previous === null ? null : getSlaConversation(db, conversation.id);
  // A conversation stored before the SLA tables existed is migrated with its timeline.
  const fresh = timelineEventsBetween(row === null ? null : previous, conversation, at);
  const stored = row === null ? [] : readSlaTimeline(db, conversation.id);
  const initial = row === null && previous !== null ? previous : conversation;
  const timeline = timelineOf(row, initial, [...stored, ...fresh]);
  const policies = currentPolicies(db);
  const state = computeSla(timeline, policies, at);
  const withDue: HubConversation = { ...conversation, responseDueAt: responseDueAt(state) };
  return {
    conversation: withDue,
    settle() {
      if (row === null) insertSlaConversation(db, conversation.id, initial.queueId, initial.priority);
      appendSlaTimeline(db, conversation.id, fresh);
      record(db, at, withDue, row?.state ?? null, row?.status ?? null, state, timeline, policies);
    },
  };
}

/**
 * Re-evaluates one conversation at `at` with no new events: the scheduler's step when a
 * clock reaches its warning point or target. Returns false if the conversation is gone.
 */
export function reevaluateSla(db: HubDb, at: number, conversationId: string): boolean {
  const conversation = getConversation(db, conversationId);
  const row = getSlaConversation(db, conversationId);
  if (conversation === null || row === null) return false;
  const timeline = timelineOf(row, conversation, readSlaTimeline(db, conversationId));
  const policies = currentPolicies(db);
  const state = computeSla(timeline, policies, at);
  record(db, at, conversation, row.state, row.status, state, timeline, policies);
  return true;
}

/** The parts of a status that matter to a console; a running clock's remaining time is derived. */
function statusKey(status: SlaStatus): string {
  const { computedAt: _at, remainingMs, ...rest } = status;
  return JSON.stringify({ ...rest, remainingMs: status.dueAt === null ? remainingMs : null });
}

function record(
  db: HubDb,
  at: number,
  conversation: HubConversation,
  before: SlaState | null,
  beforeStatus: SlaStatus | null,
  state: SlaState,
  timeline: SlaTimeline,
  policies: SlaPolicies,
): void {
  const outcome = reportRowFromOutcomes(
    {
      conversationId: conversation.id,
      category: conversation.category,
      platform: conversation.platform,
      language: conversation.language,
    },
    slaOutcomes(timeline, policies, at),
  );
  const status: SlaStatus = {
    id: conversation.id,
    conversationId: conversation.id,
    queueId: state.queueId,
    priority: state.priority,
    state: state.state,
    clock: state.clock,
    dueAt: state.dueAt,
    warnAt: state.warnAt,
    breachedAt: state.breachedAt,
    remainingMs: state.remainingMs === null ? null : Math.round(state.remainingMs),
    computedAt: at,
    outcome,
  };
  for (const transition of slaTransitions(before, state)) {
    const clock = state.clocks.find(
      (c) => c.clock === transition.clock && c.startedAt === transition.startedAt,
    );
    const when =
      transition.state === 'breached' ? (clock?.breachedAt ?? at) : Math.min(clock?.warnAt ?? at, at);
    appendChange(
      db,
      {
        entity: 'sla-event',
        data: {
          id: newId(),
          conversationId: conversation.id,
          kind: transition.state,
          clock: transition.clock,
          clockStartedAt: transition.startedAt,
          at: when,
          queueId: state.queueId,
          assigneeId: conversation.assigneeId,
        },
      },
      at,
    );
  }
  if (beforeStatus === null || statusKey(beforeStatus) !== statusKey(status)) {
    appendChange(db, { entity: 'sla-status', data: status }, at);
  }
  saveSlaComputation(db, conversation.id, { state, status: beforeStatusKept(beforeStatus, status), outcome });
}

/** Keeps the logged status row when nothing a console cares about changed, so snapshots match the log. */
function beforeStatusKept(before: SlaStatus | null, now: SlaStatus): SlaStatus {
  return before !== null && statusKey(before) === statusKey(now) ? before : now;
}
