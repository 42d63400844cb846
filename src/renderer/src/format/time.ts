/** "4m 05s", "1h 02m", "2d 3h": short enough for a list row. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

// Built once: lists and boards format a time for every row on every refresh.
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const DAY_EN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DATE_TIME_EN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Wall-clock hh:mm, 24-hour as control rooms use; it reads the same in English and Welsh. */
export function formatClock(epochMs: number): string {
  return CLOCK.format(epochMs);
}

/** Chromium's ICU data has no Welsh month names, so they are given here. */
const WELSH_MONTHS = [
  'Ion',
  'Chwef',
  'Maw',
  'Ebr',
  'Mai',
  'Meh',
  'Gorff',
  'Awst',
  'Medi',
  'Hyd',
  'Tach',
  'Rhag',
];

/** "21 Nov" or "21 Tach": a day, as chart axes label it. */
export function formatDay(epochMs: number, language: string): string {
  if (language === 'cy') {
    const date = new Date(epochMs);
    return `${date.getDate()} ${WELSH_MONTHS[date.getMonth()] ?? ''}`;
  }
  return DAY_EN.format(epochMs);
}

export function formatDateTime(epochMs: number, language: string): string {
  if (language === 'cy') return `${formatDay(epochMs, language)}, ${formatClock(epochMs)}`;
  return DATE_TIME_EN.format(epochMs);
}
