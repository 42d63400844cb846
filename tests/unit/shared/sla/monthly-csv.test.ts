import { describe, expect, it } from 'vitest';
import {
  MONTHLY_CSV_COLUMNS,
  STANDARD_QUEUE_IDS,
  csvField,
  monthOf,
  monthlyReportCsv,
  reportRowFromOutcomes,
  slaOutcomes,
  toCsv,
  type ReportMessageRow,
  type SlaEvent,
  type SlaReportRow,
} from '../../../../src/shared/sla';
import { categorySchema, languageSchema, platformSchema, type Language } from '../../../../src/shared/domain';
import { MIN, defaultPolicies, pick, seeded } from './fixtures';

/** RFC 4180 reader for checking our output; independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV did not end with CRLF');
  return rows;
}

type Line = Record<(typeof MONTHLY_CSV_COLUMNS)[number], string>;
function readReport(csv: string): Line[] {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([...MONTHLY_CSV_COLUMNS]);
  return rows.map((cells) => {
    expect(cells).toHaveLength(MONTHLY_CSV_COLUMNS.length);
    return Object.fromEntries(MONTHLY_CSV_COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as Line;
  });
}

// September 2025 in UK time is BST (UTC+1) throughout.
const SEPT_START = Date.UTC(2025, 7, 31, 23, 0);
const OCT_START = Date.UTC(2025, 8, 30, 23, 0);
const TARGET_RECEIVED = 11_406;

interface Generated {
  messages: ReportMessageRow[];
  conversations: SlaReportRow[];
  received: number;
  sent: number;
  receivedBy: Map<string, number>;
}

function generateMonth(): Generated {
  const rand = seeded(9_2025);
  const policies = defaultPolicies();
  const out: Generated = { messages: [], conversations: [], received: 0, sent: 0, receivedBy: new Map() };
  const bump = (key: string): void => {
    out.receivedBy.set(key, (out.receivedBy.get(key) ?? 0) + 1);
  };
  let n = 0;
  while (out.received < TARGET_RECEIVED) {
    n += 1;
    const language: Language = rand() < 0.2 ? 'cy' : 'en';
    const dims = {
      queueId: pick(rand, STANDARD_QUEUE_IDS),
      category: pick(rand, categorySchema.options),
      platform: pick(rand, platformSchema.options),
      language,
    };
    const events: SlaEvent[] = [];
    let at = SEPT_START + Math.floor(rand() * (OCT_START - SEPT_START));
    const turns = 1 + Math.floor(rand() * 6);
    for (let t = 0; t < turns && at < OCT_START && out.received < TARGET_RECEIVED; t += 1) {
      events.push({ type: 'inbound', at });
      out.messages.push({ at, direction: 'inbound', ...dims });
      out.received += 1;
      for (const key of [
        `queue:${dims.queueId}`,
        `category:${dims.category}`,
        `platform:${dims.platform}`,
        `language:${dims.language}`,
      ])
        bump(key);
      at += Math.floor(rand() * 90 * MIN);
      if (at >= OCT_START) break;
      events.push({ type: 'outbound', at });
      out.messages.push({ at, direction: 'outbound', ...dims });
      out.messages.push({ at: at + 1, direction: 'note', ...dims });
      out.sent += 1;
      at += Math.floor(rand() * 600 * MIN);
    }
    const outcomes = slaOutcomes({ queueId: dims.queueId, priority: 'normal', events }, policies, OCT_START);
    const row = reportRowFromOutcomes({ conversationId: `c${n}`, ...dims }, outcomes);
    if (row !== null) out.conversations.push(row);
  }
  // Just outside the month on either side: UK midnight, not UTC midnight, is the boundary.
  for (const at of [SEPT_START - 1, OCT_START, OCT_START + 30 * MIN]) {
    const dims = { queueId: 'crime', category: 'crime-report', platform: 'x', language: 'en' } as const;
    out.messages.push({ at, direction: 'inbound', ...dims });
    const outcomes = slaOutcomes(
      { queueId: 'crime', priority: 'normal', events: [{ type: 'inbound', at }] },
      policies,
    );
    const row = reportRowFromOutcomes({ conversationId: `edge${at}`, ...dims }, outcomes);
    if (row !== null) out.conversations.push(row);
  }
  return out;
}

describe('monthly CSV report', () => {
  const month = generateMonth();
  const lines = readReport(monthlyReportCsv(month, '2025-09'));
  const num = (line: Line | undefined, column: keyof Line): number => Number(line?.[column]);
  const total = lines.find((l) => l.dimension === 'total');

  it('totals match the messages generated for the month', () => {
    expect(total?.month).toBe('2025-09');
    expect(num(total, 'messages_received')).toBe(TARGET_RECEIVED);
    expect(num(total, 'messages_sent')).toBe(month.sent);
    const inMonth = month.conversations.filter((c) => c.startedAt >= SEPT_START && c.startedAt < OCT_START);
    expect(num(total, 'conversations')).toBe(inMonth.length);
    expect(num(total, 'first_response_met')).toBe(
      inMonth.filter((c) => c.firstResponseStatus === 'met').length,
    );
    expect(num(total, 'first_response_breached')).toBe(
      inMonth.filter((c) => c.firstResponseStatus === 'breached').length,
    );
    const met = num(total, 'first_response_met');
    const pct = Math.round((1000 * met) / (met + num(total, 'first_response_breached'))) / 10;
    expect(num(total, 'first_response_within_target_pct')).toBe(pct);
  });

  it('splits volumes by queue, category, platform and language, each adding up to the total', () => {
    for (const [dimension, known] of [
      ['queue', STANDARD_QUEUE_IDS],
      ['category', categorySchema.options],
      ['platform', platformSchema.options],
      ['language', languageSchema.options],
    ] as const) {
      const group = lines.filter((l) => l.dimension === dimension);
      expect(group.map((l) => l.value)).toEqual([...known]);
      for (const line of group) {
        expect(num(line, 'messages_received')).toBe(month.receivedBy.get(`${dimension}:${line.value}`) ?? 0);
      }
      for (const column of [
        'messages_received',
        'messages_sent',
        'conversations',
        'first_response_met',
        'first_response_breached',
        'resolution_met',
      ] as const) {
        expect(group.reduce((sum, l) => sum + num(l, column), 0)).toBe(num(total, column));
      }
    }
    expect(
      num(
        lines.find((l) => l.dimension === 'language' && l.value === 'cy'),
        'messages_received',
      ),
    ).toBeGreaterThan(1000);
  });

  it('counts by UK calendar month: the boundary messages fall in August and October', () => {
    expect(monthOf(SEPT_START - 1)).toBe('2025-08');
    expect(monthOf(SEPT_START)).toBe('2025-09');
    expect(monthOf(OCT_START)).toBe('2025-10');
    expect(monthOf(OCT_START, 'UTC')).toBe('2025-09');
    const october = readReport(monthlyReportCsv(month, '2025-10'));
    expect(num(october[0], 'messages_received')).toBe(2);
    const utc = readReport(monthlyReportCsv(month, '2025-09', { timeZone: 'UTC' }));
    expect(num(utc[0], 'messages_received')).not.toBe(TARGET_RECEIVED);
  });

  it('writes blanks, not zeros, where nothing was measured, and refuses a bad month', () => {
    const empty = readReport(monthlyReportCsv({ messages: [], conversations: [] }, '2025-02'));
    expect(empty[0]).toMatchObject({
      messages_received: '0',
      first_response_within_target_pct: '',
      first_response_median_seconds: '',
    });
    expect(() => monthlyReportCsv({ messages: [], conversations: [] }, '2025-13')).toThrow(
      /month must look like/,
    );
  });

  it('lists a queue outside the standard set, escaped properly', () => {
    const odd = 'Op "Nightjar", =1+1';
    const csv = monthlyReportCsv(
      {
        messages: [
          {
            at: SEPT_START + MIN,
            direction: 'inbound',
            queueId: odd,
            category: 'complaint',
            platform: 'x',
            language: 'cy',
          },
        ],
        conversations: [],
      },
      '2025-09',
    );
    const queueLines = readReport(csv).filter((l) => l.dimension === 'queue');
    expect(queueLines.map((l) => l.value)).toEqual([...STANDARD_QUEUE_IDS, odd]);
    expect(num(queueLines.at(-1), 'messages_received')).toBe(1);
  });
});

describe('CSV fields', () => {
  it('quote and double quotes, keep numbers plain, defuse formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' edge')).toBe('" edge"');
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('-2m')).toBe("'-2m");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(parseCsv(toCsv([['a,b', 'c"d', null, 1]]))).toEqual([['a,b', 'c"d', '', '1']]);
  });
});
