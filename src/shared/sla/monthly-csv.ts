import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import { categorySchema, languageSchema, messageDirectionSchema, platformSchema } from '../domain/enums';
import { toCsv, type CsvValue } from './csv';
import { STANDARD_QUEUE_IDS } from './queues';
import { summariseSla, type SlaReportRow } from './report';

/** One message for volume counts, with its conversation's dimensions. Notes are not counted. */
export const reportMessageRowSchema = z.object({
  at: epochMsSchema,
  direction: messageDirectionSchema,
  queueId: idSchema,
  category: categorySchema,
  platform: platformSchema,
  language: languageSchema,
});
export type ReportMessageRow = z.infer<typeof reportMessageRowSchema>;

/** Plain rows for {@link monthlyReportCsv}: messages for volumes, conversations for SLA compliance. */
export interface MonthlyReportInput {
  messages: readonly ReportMessageRow[];
  conversations: readonly SlaReportRow[];
}

export interface MonthlyReportOptions {
  /** Where the month begins and ends; the force publishes in UK time. */
  timeZone?: string;
}

/** The CSV's columns, in order. */
export const MONTHLY_CSV_COLUMNS = [
  'month',
  'dimension',
  'value',
  'messages_received',
  'messages_sent',
  'conversations',
  'first_response_met',
  'first_response_breached',
  'first_response_within_target_pct',
  'first_response_median_seconds',
  'first_response_p90_seconds',
  'next_response_met',
  'next_response_breached',
  'resolution_met',
  'resolution_breached',
  'resolution_within_target_pct',
] as const;

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const DEFAULT_TIME_ZONE = 'Europe/London';
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar month (`"YYYY-MM"`) that hub time `at` falls in, in `timeZone`. */
export function monthOf(at: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  return `${year}-${month}`;
}

type Dimension = 'queue' | 'category' | 'platform' | 'language';
const DIMENSIONS: readonly { name: Dimension; known: readonly string[] }[] = [
  { name: 'queue', known: STANDARD_QUEUE_IDS },
  { name: 'category', known: categorySchema.options },
  { name: 'platform', known: platformSchema.options },
  { name: 'language', known: languageSchema.options },
];

const valueOf = (row: ReportMessageRow | SlaReportRow, dimension: Dimension): string =>
  dimension === 'queue' ? row.queueId : row[dimension];

const pct = (share: number | null): CsvValue => (share === null ? null : Math.round(share * 1000) / 10);
const seconds = (ms: number | null): CsvValue => (ms === null ? null : Math.round(ms / 1000));

function line(
  month: string,
  dimension: string,
  value: string,
  messages: readonly ReportMessageRow[],
  conversations: readonly SlaReportRow[],
): CsvValue[] {
  const s = summariseSla(conversations);
  return [
    month,
    dimension,
    value,
    messages.filter((m) => m.direction === 'inbound').length,
    messages.filter((m) => m.direction === 'outbound').length,
    s.conversations,
    s.firstResponseMet,
    s.firstResponseBreached,
    pct(s.withinTargetShare),
    seconds(s.medianFirstResponseMs),
    seconds(s.p90FirstResponseMs),
    s.nextResponsesMet,
    s.nextResponsesBreached,
    s.resolutionMet,
    s.resolutionBreached,
    pct(s.resolutionWithinTargetShare),
  ];
}

/**
 * Monthly figures as CSV (columns {@link MONTHLY_CSV_COLUMNS}): a `total,all` line, then one
 * line per queue, category, platform and language. Every known value is listed, zeros
 * included, so each dimension's lines add up to the total. Messages count in the month they
 * were sent or received; conversations (and their SLA compliance) in the month they started.
 * `month` is `"YYYY-MM"`; a malformed month throws a RangeError.
 */
export function monthlyReportCsv(
  input: MonthlyReportInput,
  month: string,
  options: MonthlyReportOptions = {},
): string {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`month must look like "2025-09", got "${month}"`);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const messages = input.messages.filter((m) => m.direction !== 'note' && monthOf(m.at, timeZone) === month);
  const conversations = input.conversations.filter((c) => monthOf(c.startedAt, timeZone) === month);
  const rows: CsvValue[][] = [[...MONTHLY_CSV_COLUMNS], line(month, 'total', 'all', messages, conversations)];
  for (const { name, known } of DIMENSIONS) {
    const seen = new Set<string>([...messages, ...conversations].map((row) => valueOf(row, name)));
    const extra = [...seen].filter((v) => !known.includes(v)).sort();
    for (const value of [...known, ...extra]) {
      rows.push(
        line(
          month,
          name,
          value,
          messages.filter((m) => valueOf(m, name) === value),
          conversations.filter((c) => valueOf(c, name) === value),
        ),
      );
    }
  }
  return toCsv(rows);
}
