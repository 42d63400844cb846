import type {
  SlaBreachRow,
  SlaDashboard,
  SlaFigures,
  SlaLive,
  SlaWindowKey,
} from '../shared/ipc/channels/sla';
import {
  STANDARD_QUEUE_IDS,
  compareLanguages,
  liveSlaState,
  summariseSla,
  summariseSlaBy,
  trailingWindow,
  type SlaReportRow,
  type SlaSummary,
} from '../shared/sla';
import { getConfirmedConversation } from './db/conversations';
import { getContact, listQueues, operatorNames } from './db/directory';
import type { CacheDb } from './db/handle';
import { liveSlaStatuses, slaReportRowsSince } from './db/sla';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The dashboard's windows: last hour, this shift (12 hours), 24 hours, 30 days. */
export const SLA_WINDOWS: readonly { key: SlaWindowKey; ms: number }[] = [
  { key: 'hour', ms: HOUR },
  { key: 'shift', ms: 12 * HOUR },
  { key: 'day', ms: DAY },
  { key: 'month', ms: 30 * DAY },
];

/** Running and paused clocks for the countdowns. */
export function slaLive(db: CacheDb, hubNow: number): SlaLive {
  return { hubNow, statuses: liveSlaStatuses(db) };
}

const figures = (s: SlaSummary): SlaFigures => ({
  conversations: s.conversations,
  met: s.firstResponseMet,
  breached: s.firstResponseBreached,
  withinTargetShare: s.withinTargetShare,
  medianFirstResponseMs: s.medianFirstResponseMs,
  p90FirstResponseMs: s.p90FirstResponseMs,
});

function trend(rows: readonly SlaReportRow[], end: number, bucketMs: number, buckets: number) {
  const points = [];
  for (let i = buckets - 1; i >= 0; i -= 1) {
    const from = end - (i + 1) * bucketMs;
    const s = summariseSla(rows, { from, to: from + bucketMs });
    points.push({ at: from, withinTargetShare: s.withinTargetShare, measured: s.firstResponseMeasured });
  }
  return points;
}

/**
 * The SLA dashboard from the local cache: the reporting outcomes the hub syncs to leads'
 * consoles, summarised with the SLA core's helpers, plus the conversations breached now.
 */
export function slaDashboard(db: CacheDb, hubNow: number): SlaDashboard {
  const rows = slaReportRowsSince(db, hubNow - 30 * DAY);
  const known = listQueues(db);
  const order = (id: string): number => {
    const i = (STANDARD_QUEUE_IDS as readonly string[]).indexOf(id);
    return i === -1 ? STANDARD_QUEUE_IDS.length : i;
  };
  const queueIds = [...new Set([...known.map((q) => q.id), ...rows.map((r) => r.queueId)])].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  const queues = queueIds.map((id) => {
    const q = known.find((k) => k.id === id);
    return { id, name: q?.name ?? id, nameCy: q?.nameCy ?? id };
  });
  const windows = SLA_WINDOWS.map(({ key, ms }) => {
    const window = trailingWindow(hubNow + 1, ms);
    const byQueue = summariseSlaBy(rows, 'queueId', window);
    const languages = compareLanguages(rows, window);
    return {
      key,
      from: window.from,
      total: figures(summariseSla(rows, window)),
      byQueue: Object.fromEntries(queueIds.map((id) => [id, figures(byQueue.get(id) ?? summariseSla([]))])),
      en: figures(languages.en),
      cy: figures(languages.cy),
    };
  });
  const names = operatorNames(db);
  const breaches: SlaBreachRow[] = liveSlaStatuses(db)
    .filter((s) => liveSlaState(s, hubNow) === 'breached')
    .map((s) => {
      const conversation = getConfirmedConversation(db, s.conversationId);
      const contact = conversation === null ? null : getContact(db, conversation.contactId);
      return {
        conversationId: s.conversationId,
        queueId: s.queueId,
        clock: s.clock,
        breachedAt: s.breachedAt ?? s.dueAt,
        dueAt: s.dueAt,
        priority: s.priority,
        language: conversation?.language ?? null,
        contactName: contact?.displayName ?? '',
        assigneeName:
          conversation?.assigneeId == null
            ? null
            : (names.get(conversation.assigneeId) ?? conversation.assigneeId),
      };
    })
    .sort((a, b) => (a.breachedAt ?? 0) - (b.breachedAt ?? 0));
  return {
    hubNow,
    queues,
    windows,
    trend: { hourly: trend(rows, hubNow + 1, HOUR, 24), daily: trend(rows, hubNow + 1, DAY, 30) },
    breaches,
  };
}
