import { z } from 'zod';
import { categorySchema, languageSchema, messageDirectionSchema, platformSchema } from '../../shared/domain';
import { monthlyReportCsv, type ReportMessageRow } from '../../shared/sla';
import type { HubDb } from '../db/connection';
import { slaReportRows } from '../db/sla';

/** Widest span a calendar month can cover in any time zone, either side. */
const MONTH_MARGIN_MS = 32 * 86_400_000;

const messageRowSchema = z.object({
  at: z.number().int(),
  direction: messageDirectionSchema,
  queueId: z.string(),
  category: categorySchema,
  platform: platformSchema,
  language: languageSchema,
});

function monthStart(month: string): number {
  return Date.parse(`${month}-01T00:00:00Z`);
}

/** Messages around `month`, with their conversation's final dimensions (notes excluded). */
function messagesAround(db: HubDb, month: string): ReportMessageRow[] {
  const start = monthStart(month);
  return db
    .prepare(
      `SELECT m.created_at AS at, m.direction AS direction, c.queue_id AS queueId, c.category AS category,
              c.platform AS platform, c.language AS language
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.direction <> 'note' AND m.created_at >= ? AND m.created_at < ?`,
    )
    .all(start - 2 * 86_400_000, start + MONTH_MARGIN_MS)
    .map((row) => messageRowSchema.parse(row));
}

/**
 * The monthly figures as CSV, straight from the hub's own records: message volumes from the
 * messages table, SLA compliance from the stored per-conversation outcomes. The core's
 * `monthlyReportCsv` picks the exact UK calendar month.
 */
export function monthlyCsvFromHub(db: HubDb, month: string): string {
  const start = monthStart(month);
  if (Number.isNaN(start)) throw new RangeError(`month must look like "2025-09", got "${month}"`);
  const conversations = slaReportRows(db, { from: start - 2 * 86_400_000, to: start + MONTH_MARGIN_MS });
  return monthlyReportCsv({ messages: messagesAround(db, month), conversations }, month);
}

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2025-09');
