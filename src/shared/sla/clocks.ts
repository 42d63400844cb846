import type { ConversationStatus, Priority } from '../domain/enums';
import { targetsFor, type AppliedTargets, type SlaPolicies } from './policy';
import type { SlaEvent, SlaTimeline } from './timeline';

/*
 * The rules, in one place (README "SLA policies" says the same for people):
 *
 * - Clocks count ACTIVE time only: time while the conversation is open. Waiting on the
 *   public and resolved time do not count.
 * - The first-response clock starts at the first inbound message and stops at the first
 *   outbound response. Resolving an unanswered conversation suspends it; if the public
 *   writes again it carries on where it stopped (they still have had no answer).
 * - After a response, the next inbound message starts a fresh next-response clock, which
 *   stops at the next response. Resolving discards an unanswered next-response clock
 *   ("thanks!" needs no reply); it is reported as not-required unless it had already breached.
 * - The resolution clock starts at the first inbound message and stops when resolved. A
 *   reopen (by an operator, or by the public writing) resumes it with the time already used.
 * - Queue and priority changes: the targets of the CURRENT queue and priority apply,
 *   measured from the clock's original start. A breach, once it has happened under the
 *   targets then in force, stays a breach: moving a late conversation to a slower queue
 *   does not undo it. Moving to a tighter queue can breach at the moment of the move.
 * - Met means taken <= target; a running clock is breached once its active time passes the
 *   target, and at risk from the warning point (warnAtPercent of the target).
 */

/** Which clock: first response, next response (after the public writes again), or resolution. */
export type SlaClockKind = 'first-response' | 'next-response' | 'resolution';

/** `paused` while waiting on the public; `none` when nothing is owed (not started or resolved). */
export type SlaStateName = 'ok' | 'at-risk' | 'breached' | 'paused' | 'none';

/** One running or paused clock at a given hub time. */
export interface SlaClockState {
  clock: SlaClockKind;
  state: Exclude<SlaStateName, 'none'>;
  /** Hub time the clock started (the inbound message it answers, or the first message). */
  startedAt: number;
  targetMs: number;
  /** Active time used so far. */
  elapsedMs: number;
  /** Target minus elapsed; negative when overdue. Frozen while paused. */
  remainingMs: number;
  /** Hub time the clock is (or was) due; null while paused, as nobody can know it. */
  dueAt: number | null;
  /** Hub time of the warning point; null while paused. May be in the past. */
  warnAt: number | null;
  /** When it breached (the due time it missed, or the moment a move made it late); null if not. */
  breachedAt: number | null;
  /** Next hub time this clock's state changes by itself (at risk, then breached); null if it cannot. */
  nextChangeAt: number | null;
}

/** A conversation's SLA at one hub time, as the console shows it and the hub schedules it. */
export interface SlaState {
  /** The clock that matters most now (see {@link computeSla}); null when state is `none`. */
  clock: SlaClockKind | null;
  state: SlaStateName;
  dueAt: number | null;
  warnAt: number | null;
  remainingMs: number | null;
  breachedAt: number | null;
  /** Earliest time any clock changes state by itself: when the hub should look again. */
  nextChangeAt: number | null;
  queueId: string;
  priority: Priority;
  /** Every clock now running or paused, the primary one first. */
  clocks: SlaClockState[];
}

/** How one clock ended (or stands) for reporting. */
export interface SlaClockOutcome {
  clock: SlaClockKind;
  /**
   * `met` / `breached` once it stopped; `breached` also for a running clock past its target;
   * `pending` while running within target; `not-required` when the conversation was resolved
   * without the response being needed.
   */
  status: 'met' | 'breached' | 'pending' | 'not-required';
  startedAt: number;
  /** When it stopped (response sent, or resolved); null while pending. */
  endedAt: number | null;
  /** Active time it took; null unless it stopped with a response or resolution. */
  takenMs: number | null;
  /** Target in force when it stopped, or at evaluation time if still running. */
  targetMs: number;
  breachedAt: number | null;
}

/** Per-conversation SLA outcomes for reporting. */
export interface SlaOutcomes {
  queueId: string;
  priority: Priority;
  /** First inbound message; null if the public has not written yet. */
  startedAt: number | null;
  firstResponse: SlaClockOutcome | null;
  nextResponses: SlaClockOutcome[];
  resolution: SlaClockOutcome | null;
}

interface Clock {
  kind: SlaClockKind;
  startedAt: number;
  elapsedMs: number;
  breachedAt: number | null;
}

interface Replay {
  queueId: string;
  priority: Priority;
  status: ConversationStatus;
  at: number;
  started: boolean;
  responded: boolean;
  response: Clock | null;
  resolution: Clock | null;
  resolvedAt: number | null;
  finished: SlaClockOutcome[];
}

function targetOf(kind: SlaClockKind, targets: AppliedTargets): number {
  switch (kind) {
    case 'first-response':
      return targets.firstResponseMs;
    case 'next-response':
      return targets.nextResponseMs;
    case 'resolution':
      return targets.resolutionMs;
  }
}

function warnMsOf(targetMs: number, targets: AppliedTargets): number {
  return Math.floor((targetMs * targets.warnAtPercent) / 100);
}

function liveClocks(r: Replay): Clock[] {
  return [r.response, r.resolution].filter((c): c is Clock => c !== null);
}

/** A clock already past a target that just got tighter breaches at that moment. */
function checkTightened(r: Replay, policies: SlaPolicies): void {
  const targets = targetsFor(policies, r.queueId, r.priority);
  for (const clock of liveClocks(r)) {
    if (clock.breachedAt === null && clock.elapsedMs > targetOf(clock.kind, targets)) clock.breachedAt = r.at;
  }
}

function advance(r: Replay, to: number, policies: SlaPolicies): void {
  const span = to - r.at;
  if (span <= 0) return;
  if (r.started && r.status === 'open') {
    const targets = targetsFor(policies, r.queueId, r.priority);
    for (const clock of liveClocks(r)) {
      const target = targetOf(clock.kind, targets);
      if (clock.breachedAt === null && clock.elapsedMs + span > target) {
        clock.breachedAt = r.at + (target - clock.elapsedMs);
      }
      clock.elapsedMs += span;
    }
  }
  r.at = to;
}

function stopResponse(r: Replay, policies: SlaPolicies, responded: boolean): void {
  const clock = r.response;
  if (clock === null) return;
  const targetMs = targetOf(clock.kind, targetsFor(policies, r.queueId, r.priority));
  const breached = clock.breachedAt !== null;
  r.finished.push({
    clock: clock.kind,
    status: breached ? 'breached' : responded ? 'met' : 'not-required',
    startedAt: clock.startedAt,
    endedAt: r.at,
    takenMs: responded ? clock.elapsedMs : null,
    targetMs,
    breachedAt: clock.breachedAt,
  });
  r.response = null;
}

function apply(r: Replay, event: SlaEvent, policies: SlaPolicies): void {
  switch (event.type) {
    case 'inbound':
      if (!r.started) {
        r.started = true;
        r.response = { kind: 'first-response', startedAt: event.at, elapsedMs: 0, breachedAt: null };
        r.resolution = { kind: 'resolution', startedAt: event.at, elapsedMs: 0, breachedAt: null };
      } else if (r.response === null) {
        const kind = r.responded ? 'next-response' : 'first-response';
        r.response = { kind, startedAt: event.at, elapsedMs: 0, breachedAt: null };
      }
      r.status = 'open';
      r.resolvedAt = null;
      return;
    case 'outbound':
      if (!r.started) return;
      stopResponse(r, policies, true);
      r.responded = true;
      return;
    case 'reopened':
      setStatus(r, 'open', policies);
      return;
    case 'status':
      setStatus(r, event.status, policies);
      return;
    case 'queue':
      r.queueId = event.queueId;
      return;
    case 'priority':
      r.priority = event.priority;
      return;
  }
}

function setStatus(r: Replay, status: ConversationStatus, policies: SlaPolicies): void {
  if (status === 'resolved' && r.status !== 'resolved' && r.started) {
    // An unanswered first response stays owed (suspended); an owed follow-up is dropped.
    if (r.response?.kind === 'next-response') stopResponse(r, policies, false);
    r.resolvedAt = r.at;
  }
  if (status !== 'resolved') r.resolvedAt = null;
  r.status = status;
}

function replay(timeline: SlaTimeline, policies: SlaPolicies, until: number): Replay {
  // Stable sort: events at the same instant keep the order they were recorded in.
  const events = timeline.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  const first = events[0];
  const r: Replay = {
    queueId: timeline.queueId,
    priority: timeline.priority,
    status: 'open',
    at: first === undefined ? until : Math.min(first.event.at, until),
    started: false,
    responded: false,
    response: null,
    resolution: null,
    resolvedAt: null,
    finished: [],
  };
  for (const { event } of events) {
    if (event.at > until) break;
    advance(r, event.at, policies);
    apply(r, event, policies);
    checkTightened(r, policies);
  }
  advance(r, until, policies);
  checkTightened(r, policies);
  return r;
}

const SEVERITY: Record<SlaClockState['state'], number> = { breached: 0, 'at-risk': 1, ok: 2, paused: 3 };

function clockState(clock: Clock, targets: AppliedTargets, running: boolean, now: number): SlaClockState {
  const targetMs = targetOf(clock.kind, targets);
  const warnMs = warnMsOf(targetMs, targets);
  const remainingMs = targetMs - clock.elapsedMs;
  const state: SlaClockState['state'] =
    clock.breachedAt !== null
      ? 'breached'
      : !running
        ? 'paused'
        : clock.elapsedMs >= warnMs
          ? 'at-risk'
          : 'ok';
  const dueAt = running ? now + remainingMs : null;
  const warnAt = running ? now + (warnMs - clock.elapsedMs) : null;
  let nextChangeAt: number | null = null;
  if (dueAt !== null && warnAt !== null && clock.breachedAt === null) {
    // Breached means strictly past the target, hence the millisecond after the due time.
    nextChangeAt = state === 'ok' ? warnAt : dueAt + 1;
  }
  return {
    clock: clock.kind,
    state,
    startedAt: clock.startedAt,
    targetMs,
    elapsedMs: clock.elapsedMs,
    remainingMs,
    dueAt,
    warnAt,
    breachedAt: clock.breachedAt,
    nextChangeAt,
  };
}

/**
 * The SLA of one conversation at hub time `hubNow` (events after it are ignored).
 *
 * While a response is owed both the response clock and the resolution clock run; the
 * primary clock reported at the top level is the most severe (breached, at risk, ok,
 * paused), and among equals the one with least time left. A resolved conversation, or one
 * the public has not written to yet, is `none`. While waiting on the public the clocks are
 * `paused` (or still `breached` if they already were) and `dueAt` is null.
 */
export function computeSla(timeline: SlaTimeline, policies: SlaPolicies, hubNow: number): SlaState {
  const r = replay(timeline, policies, hubNow);
  const base = { queueId: r.queueId, priority: r.priority };
  if (!r.started || r.status === 'resolved') {
    return {
      ...base,
      clock: null,
      state: 'none',
      dueAt: null,
      warnAt: null,
      remainingMs: null,
      breachedAt: null,
      nextChangeAt: null,
      clocks: [],
    };
  }
  const targets = targetsFor(policies, r.queueId, r.priority);
  const running = r.status === 'open';
  const clocks = liveClocks(r)
    .map((clock) => clockState(clock, targets, running, hubNow))
    .sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state] || a.remainingMs - b.remainingMs);
  const primary = clocks[0];
  if (primary === undefined) throw new Error('unreachable: a started, unresolved conversation has clocks');
  const changes = clocks.map((c) => c.nextChangeAt).filter((t): t is number => t !== null);
  return {
    ...base,
    clock: primary.clock,
    state: primary.state,
    dueAt: primary.dueAt,
    warnAt: primary.warnAt,
    remainingMs: primary.remainingMs,
    breachedAt: primary.breachedAt,
    nextChangeAt: changes.length === 0 ? null : Math.min(...changes),
    clocks,
  };
}

/**
 * Per-conversation SLA outcomes for reporting: how the first response, each next response
 * and the resolution went. Clocks still running at `hubNow` are `pending`, or `breached` if
 * already past target. `hubNow` defaults to the last event's time.
 */
export function slaOutcomes(timeline: SlaTimeline, policies: SlaPolicies, hubNow?: number): SlaOutcomes {
  const until = hubNow ?? timeline.events.reduce((max, e) => Math.max(max, e.at), 0);
  const r = replay(timeline, policies, until);
  const targets = targetsFor(policies, r.queueId, r.priority);
  const pending = (clock: Clock): SlaClockOutcome => ({
    clock: clock.kind,
    status:
      clock.breachedAt !== null
        ? 'breached'
        : r.status === 'resolved' && clock.kind !== 'resolution'
          ? 'not-required'
          : 'pending',
    startedAt: clock.startedAt,
    endedAt: null,
    takenMs: null,
    targetMs: targetOf(clock.kind, targets),
    breachedAt: clock.breachedAt,
  });
  const responses = [...r.finished, ...(r.response === null ? [] : [pending(r.response)])];
  let resolution: SlaClockOutcome | null = null;
  if (r.resolution !== null) {
    const clock = r.resolution;
    resolution =
      r.resolvedAt === null
        ? pending(clock)
        : {
            clock: 'resolution',
            status: clock.breachedAt === null ? 'met' : 'breached',
            startedAt: clock.startedAt,
            endedAt: r.resolvedAt,
            takenMs: clock.elapsedMs,
            targetMs: targetOf('resolution', targets),
            breachedAt: clock.breachedAt,
          };
  }
  return {
    queueId: r.queueId,
    priority: r.priority,
    startedAt: r.resolution?.startedAt ?? null,
    firstResponse: responses.find((o) => o.clock === 'first-response') ?? null,
    nextResponses: responses.filter((o) => o.clock === 'next-response'),
    resolution,
  };
}

/** The due time of the response owed to the public (first or next), or null: for `Conversation.responseDueAt`. */
export function responseDueAt(state: SlaState): number | null {
  return state.clocks.find((c) => c.clock !== 'resolution')?.dueAt ?? null;
}

/** A clock that has just become at risk or breached: what the hub raises into the change log. */
export interface SlaTransition {
  clock: SlaClockKind;
  /** Identifies the clock run: a later next-response clock has a later start. */
  startedAt: number;
  state: 'at-risk' | 'breached';
}

/**
 * Alerts to raise between two evaluations of the same conversation: each clock in `after`
 * that is at risk or breached and was not already in that state in `before` (null when
 * there was no earlier evaluation). A clock that jumps straight from ok to breached yields
 * only the breach. Going back to ok (e.g. after a move) raises nothing.
 */
export function slaTransitions(before: SlaState | null, after: SlaState): SlaTransition[] {
  const transitions: SlaTransition[] = [];
  for (const clock of after.clocks) {
    if (clock.state !== 'at-risk' && clock.state !== 'breached') continue;
    const previous = before?.clocks.find((c) => c.clock === clock.clock && c.startedAt === clock.startedAt);
    const wasBreached = previous?.state === 'breached';
    const wasAtRisk = previous?.state === 'at-risk';
    if (clock.state === 'breached' ? wasBreached : wasAtRisk || wasBreached) continue;
    transitions.push({ clock: clock.clock, startedAt: clock.startedAt, state: clock.state });
  }
  return transitions;
}
