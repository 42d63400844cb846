import { z } from 'zod';
import { platformSchema, type Platform } from '../../shared/domain';
import type { HubDb } from './connection';

export type DeliveryState = 'pending' | 'sent' | 'failed';

export interface Delivery {
  readonly messageId: string;
  readonly platform: Platform;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: number;
  readonly sentAt: number | null;
  /** Set while a platform call for it is in flight (see migration 007). */
  readonly sendingSince: number | null;
}

const rowSchema = z.object({
  message_id: z.string(),
  platform: platformSchema,
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  next_attempt_at: z.number(),
  sent_at: z.number().nullable(),
  sending_since: z.number().nullable(),
});

const toDelivery = (row: unknown): Delivery => {
  const r = rowSchema.parse(row);
  return {
    messageId: r.message_id,
    platform: r.platform,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
    sendingSince: r.sending_since,
  };
};

export function enqueueDelivery(db: HubDb, messageId: string, platform: Platform, at: number): void {
  db.prepare(
    "INSERT INTO deliveries (message_id, platform, state, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)",
  ).run(messageId, platform, at);
}

export function dueDeliveries(db: HubDb, now: number, limit: number): Delivery[] {
  return db
    .prepare(
      "SELECT * FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
    )
    .all(now, limit)
    .map(toDelivery);
}

export function getDelivery(db: HubDb, messageId: string): Delivery | null {
  const row: unknown = db.prepare('SELECT * FROM deliveries WHERE message_id = ?').get(messageId);
  return row === undefined ? null : toDelivery(row);
}

/** Committed before the platform call: a crash from here on leaves the mark behind. */
export function markDeliverySending(db: HubDb, messageId: string, at: number): void {
  db.prepare('UPDATE deliveries SET sending_since = ? WHERE message_id = ?').run(at, messageId);
}

/** Replies whose platform call was in flight when the hub stopped. */
export function interruptedDeliveries(db: HubDb): Delivery[] {
  return db
    .prepare("SELECT * FROM deliveries WHERE state = 'pending' AND sending_since IS NOT NULL")
    .all()
    .map(toDelivery);
}

export function markDeliverySent(db: HubDb, messageId: string, at: number): void {
  db.prepare(
    "UPDATE deliveries SET state = 'sent', sent_at = ?, attempts = attempts + 1, sending_since = NULL WHERE message_id = ?",
  ).run(at, messageId);
}

/** A failed attempt stays pending for a retry unless `giveUp`. */
export function markDeliveryFailed(
  db: HubDb,
  messageId: string,
  args: { error: string; nextAttemptAt: number; giveUp: boolean },
): void {
  db.prepare(
    'UPDATE deliveries SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, sending_since = NULL WHERE message_id = ?',
  ).run(args.giveUp ? 'failed' : 'pending', args.error.slice(0, 1000), args.nextAttemptAt, messageId);
}
