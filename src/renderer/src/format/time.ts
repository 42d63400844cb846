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

/** Wall-clock hh:mm in the operator's locale (24-hour, as control rooms use). */
export function formatClock(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(epochMs);
}

export function formatDateTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(epochMs);
}
