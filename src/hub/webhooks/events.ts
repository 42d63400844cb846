import { z } from 'zod';

/*
 * What the Meta and X readers share. A delivery is checked as a whole only as far as
 * proving it is the platform's envelope; each event in it is then read on its own, so one
 * event this hub cannot read never costs the others (the platform would retry the same
 * body and finally drop it, good messages and all).
 */

export const idString = z.string().min(1).max(200);

/** A platform's time field as it may come: a number or a numeric string. */
export const platformTimeField = z.union([z.number(), z.string()]).optional();

/**
 * When the platform says the person sent it, in ms (`unit`: what the field counts), or
 * undefined when it is missing or not a usable time. A bad time never costs the message.
 */
export function platformTime(value: number | string | undefined, unit: 'ms' | 's'): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  // Whole milliseconds: every time the desk stores is an integer, and a fraction would make
  // the stored rows fail their schemas when read back.
  const ms = Math.floor(unit === 's' ? n * 1000 : n);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** An event left out of a delivery, described without any of its text. */
export interface SkippedEvent {
  /** e.g. `messaging/optin`, `feed/comment/hide`, `direct_message_events/x_event`. */
  readonly kind: string;
  readonly why: string;
}

const KIND_WORD = /^[a-z][a-z0-9_]{0,39}$/;

/** A key or value from the payload, fit to name a kind in a log line (never free text). */
export const kindWord = (value: unknown): string =>
  typeof value === 'string' && KIND_WORD.test(value) ? value : 'unknown';

/** Which paths were wrong and how (zod's codes), never the values themselves. */
export const unreadable = (error: z.ZodError): string =>
  `unreadable (${error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ')})`;

const MAX_LISTED = 10;

/** One log line per delivery that had events left out, or null when none were. */
export function skippedLine(platform: string, skipped: readonly SkippedEvent[]): string | null {
  if (skipped.length === 0) return null;
  const listed = skipped
    .slice(0, MAX_LISTED)
    .map((s) => `${s.kind} ${s.why}`)
    .join(', ');
  const more = skipped.length > MAX_LISTED ? ` and ${String(skipped.length - MAX_LISTED)} more` : '';
  return `[webhooks] ${platform}: skipped ${String(skipped.length)} event(s): ${listed}${more}`;
}
