const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Countdown text for a remaining time: `"4m 05s"` under an hour, `"1h 02m"` under a day,
 * `"2d 03h"` beyond, and a leading minus when overdue (`"-2m 10s"`). Time left is rounded
 * up (it never shows 0 while time remains); overdue time is rounded down.
 */
export function formatCountdown(ms: number): string {
  const overdue = ms < 0;
  const totalSeconds = overdue ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const sign = overdue && totalSeconds > 0 ? '-' : '';
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${sign}${days}d ${pad(hours)}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  return `${sign}${minutes}m ${pad(seconds)}s`;
}
