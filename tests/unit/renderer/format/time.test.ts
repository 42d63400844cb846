import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatDay } from '../../../../src/renderer/src/format/time';

// Local time, as the console shows it.
const AT = new Date(2026, 10, 21, 9, 5).getTime();

describe('dates in the console', () => {
  it('names the day with the month in the interface language', () => {
    expect(formatDay(AT, 'en')).toBe('21 Nov');
    expect(formatDay(AT, 'cy')).toBe('21 Tach');
  });

  it('puts the 24-hour clock after the day, the same in both languages', () => {
    expect(formatClock(AT)).toBe('09:05');
    expect(formatDateTime(AT, 'cy')).toBe('21 Tach, 09:05');
    expect(formatDateTime(AT, 'en')).toBe('21 Nov, 09:05');
  });
});
