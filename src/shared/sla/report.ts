import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import {
  categorySchema,
  languageSchema,
  platformSchema,
  prioritySchema,
  type Language,
} from '../domain/enums';
import type { SlaOutcomes } from './clocks';
import { median, percentile } from './stats';

export const slaOutcomeStatusSchema = z.enum(['met', 'breached', 'pending', 'not-required']);

/**
 * One conversation's SLA figures, flat, as the hub stores them for reporting. Build it with
 * {@link reportRowFromOutcomes}. Dimensions are the conversation's final ones.
 */
export const slaReportRowSchema = z.object({
  conversationId: idSchema,
  /** First inbound message: windows and months count a conversation from here. */
  startedAt: epochMsSchema,
  queueId: idSchema,
  priority: prioritySchema,
  category: categorySchema,
  platform: platformSchema,
  language: languageSchema,
  firstResponseStatus: slaOutcomeStatusSchema,
  /** Active time to the first response; null until answered. */
  firstResponseMs: z.number().int().nonnegative().nullable(),
  nextResponsesMet: z.number().int().nonnegative(),
  nextResponsesBreached: z.number().int().nonnegative(),
  resolutionStatus: slaOutcomeStatusSchema,
  resolutionMs: z.number().int().nonnegative().nullable(),
});
export type SlaReportRow = z.infer<typeof slaReportRowSchema>;

/** The conversation facts a report row needs besides its outcomes. */
export type SlaReportMeta = Pick<SlaReportRow, 'conversationId' | 'category' | 'platform' | 'language'>;

/** Flattens {@link SlaOutcomes} into a report row; null if the public never wrote (nothing to report). */
export function reportRowFromOutcomes(meta: SlaReportMeta, outcomes: SlaOutcomes): SlaReportRow | null {
  if (outcomes.startedAt === null || outcomes.firstResponse === null || outcomes.resolution === null)
    return null;
  return {
    ...meta,
    startedAt: outcomes.startedAt,
    queueId: outcomes.queueId,
    priority: outcomes.priority,
    firstResponseStatus: outcomes.firstResponse.status,
    firstResponseMs: outcomes.firstResponse.takenMs,
    nextResponsesMet: outcomes.nextResponses.filter((o) => o.status === 'met').length,
    nextResponsesBreached: outcomes.nextResponses.filter((o) => o.status === 'breached').length,
    resolutionStatus: outcomes.resolution.status,
    resolutionMs: outcomes.resolution.takenMs,
  };
}

/** A half-open span of hub time, `[from, to)`. */
export interface SlaWindow {
  from: number;
  to: number;
}

/** The trailing window of `durationMs` ending at `hubNow` (last hour, 24 hours, 30 days…). */
export function trailingWindow(hubNow: number, durationMs: number): SlaWindow {
  return { from: hubNow - durationMs, to: hubNow };
}

/** SLA figures over a set of conversations. Shares are 0–1, null when nothing was measured. */
export interface SlaSummary {
  conversations: number;
  /** Conversations whose first response was met or breached (pending and not-required excluded). */
  firstResponseMeasured: number;
  firstResponseMet: number;
  firstResponseBreached: number;
  /** The headline figure: share of measured conversations answered within target. */
  withinTargetShare: number | null;
  medianFirstResponseMs: number | null;
  p90FirstResponseMs: number | null;
  nextResponsesMet: number;
  nextResponsesBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionWithinTargetShare: number | null;
}

const inWindow = (row: SlaReportRow, window: SlaWindow | undefined): boolean =>
  window === undefined || (row.startedAt >= window.from && row.startedAt < window.to);

/**
 * Summarises conversations that started inside `window` (all of them if omitted): share
 * answered within target, median and 90th-percentile first-response time, and counts.
 */
export function summariseSla(rows: readonly SlaReportRow[], window?: SlaWindow): SlaSummary {
  const picked = rows.filter((row) => inWindow(row, window));
  const count = (pred: (row: SlaReportRow) => boolean): number => picked.filter(pred).length;
  const met = count((r) => r.firstResponseStatus === 'met');
  const breached = count((r) => r.firstResponseStatus === 'breached');
  const resolutionMet = count((r) => r.resolutionStatus === 'met');
  const resolutionBreached = count((r) => r.resolutionStatus === 'breached');
  const times = picked.map((r) => r.firstResponseMs).filter((ms): ms is number => ms !== null);
  return {
    conversations: picked.length,
    firstResponseMeasured: met + breached,
    firstResponseMet: met,
    firstResponseBreached: breached,
    withinTargetShare: met + breached === 0 ? null : met / (met + breached),
    medianFirstResponseMs: median(times),
    p90FirstResponseMs: percentile(times, 90),
    nextResponsesMet: picked.reduce((n, r) => n + r.nextResponsesMet, 0),
    nextResponsesBreached: picked.reduce((n, r) => n + r.nextResponsesBreached, 0),
    resolutionMet,
    resolutionBreached,
    resolutionWithinTargetShare:
      resolutionMet + resolutionBreached === 0 ? null : resolutionMet / (resolutionMet + resolutionBreached),
  };
}

/** Dimensions a report can split by. */
export type SlaDimension = 'queueId' | 'category' | 'platform' | 'language' | 'priority';

/** {@link summariseSla} per value of one dimension (e.g. per queue), only for values present. */
export function summariseSlaBy(
  rows: readonly SlaReportRow[],
  dimension: SlaDimension,
  window?: SlaWindow,
): Map<string, SlaSummary> {
  const groups = new Map<string, SlaReportRow[]>();
  for (const row of rows) {
    if (!inWindow(row, window)) continue;
    const key = row[dimension];
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return new Map([...groups].map(([key, group]) => [key, summariseSla(group)]));
}

/** English and Welsh side by side, always both present (an empty side has null figures). */
export function compareLanguages(
  rows: readonly SlaReportRow[],
  window?: SlaWindow,
): Record<Language, SlaSummary> {
  return {
    en: summariseSla(
      rows.filter((r) => r.language === 'en'),
      window,
    ),
    cy: summariseSla(
      rows.filter((r) => r.language === 'cy'),
      window,
    ),
  };
}
