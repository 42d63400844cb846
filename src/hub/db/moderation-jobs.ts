import { z } from 'zod';
import { platformSchema, type Platform } from '../../shared/domain';
import type { HubDb } from './connection';

export const moderationJobKindSchema = z.enum(['hide', 'unhide', 'delete', 'block', 'reply']);
export type ModerationJobKind = z.infer<typeof moderationJobKindSchema>;

/** What the platform call needs, captured when the decision was made. */
export const jobTargetSchema = z.object({
  /** The comment's platform id (hide, unhide, delete, and the comment a reply answers). */
  commentId: z.string().nullable(),
  /** Our page (Facebook) or account (X). */
  accountId: z.string().nullable(),
  /** The member of the public (block, reply recipient). */
  userId: z.string().nullable(),
  /** Our outbound message (reply). */
  messageId: z.string().nullable(),
  conversationId: z.string(),
});
export type JobTarget = z.infer<typeof jobTargetSchema>;

export interface ModerationJob {
  readonly id: number;
  readonly kind: ModerationJobKind;
  readonly platform: Platform;
  /** The comment-moderation id (message id) or, for a block, the contact id. */
  readonly subjectId: string;
  readonly target: JobTarget;
  readonly state: 'pending' | 'done' | 'failed' | 'superseded';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: number;
}

const rowSchema = z.object({
  id: z.number().int(),
  kind: moderationJobKindSchema,
  platform: platformSchema,
  subject_id: z.string(),
  target: z.string(),
  state: z.enum(['pending', 'done', 'failed', 'superseded']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  next_attempt_at: z.number(),
});

const toJob = (row: unknown): ModerationJob => {
  const r = rowSchema.parse(row);
  return {
    id: r.id,
    kind: r.kind,
    platform: r.platform,
    subjectId: r.subject_id,
    target: jobTargetSchema.parse(JSON.parse(r.target)),
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
  };
};

const VISIBILITY_KINDS = ['hide', 'unhide', 'delete'];

/**
 * Queues one platform call. A hide, unhide or delete replaces any still-pending one for
 * the same comment: only the latest decision matters, and a retried older call must
 * never land after a newer one and undo it.
 */
export function enqueueModerationJob(
  db: HubDb,
  job: { kind: ModerationJobKind; platform: Platform; subjectId: string; target: JobTarget; at: number },
): number {
  if (VISIBILITY_KINDS.includes(job.kind)) {
    db.prepare(
      `UPDATE moderation_jobs SET state = 'superseded' WHERE subject_id = ? AND state = 'pending'
         AND kind IN ('hide', 'unhide', 'delete')`,
    ).run(job.subjectId);
  }
  const result = db
    .prepare(
      `INSERT INTO moderation_jobs (kind, platform, subject_id, target, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    )
    .run(job.kind, job.platform, job.subjectId, JSON.stringify(job.target), job.at, job.at);
  return Number(result.lastInsertRowid);
}

/**
 * Drops the hide, unhide or delete still waiting for a comment the platform says is gone:
 * the call could only fail, and the operator who asked would be told it had.
 */
export function supersedeVisibilityJobs(db: HubDb, subjectId: string): number {
  return db
    .prepare(
      `UPDATE moderation_jobs SET state = 'superseded' WHERE subject_id = ? AND state = 'pending'
         AND kind IN ('hide', 'unhide', 'delete')`,
    )
    .run(subjectId).changes;
}

export function dueModerationJobs(db: HubDb, now: number, limit: number): ModerationJob[] {
  return db
    .prepare(
      "SELECT * FROM moderation_jobs WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
    )
    .all(now, limit)
    .map(toJob);
}

export function getModerationJob(db: HubDb, id: number): ModerationJob | null {
  const row: unknown = db.prepare('SELECT * FROM moderation_jobs WHERE id = ?').get(id);
  return row === undefined ? null : toJob(row);
}

export function jobsOfSubject(db: HubDb, subjectId: string): ModerationJob[] {
  return db
    .prepare('SELECT * FROM moderation_jobs WHERE subject_id = ? ORDER BY id')
    .all(subjectId)
    .map(toJob);
}

export function markJobDone(db: HubDb, id: number, at: number): void {
  db.prepare(
    "UPDATE moderation_jobs SET state = 'done', done_at = ?, attempts = attempts + 1, sending_since = NULL WHERE id = ? AND state = 'pending'",
  ).run(at, id);
}

/** Committed before a public reply's platform call: a crash from here on leaves the mark. */
export function markJobSending(db: HubDb, id: number, at: number): void {
  db.prepare('UPDATE moderation_jobs SET sending_since = ? WHERE id = ?').run(at, id);
}

/** Public replies whose platform call was in flight when the hub stopped. */
export function interruptedReplyJobs(db: HubDb): ModerationJob[] {
  return db
    .prepare(
      "SELECT * FROM moderation_jobs WHERE state = 'pending' AND kind = 'reply' AND sending_since IS NOT NULL ORDER BY id",
    )
    .all()
    .map(toJob);
}

/** A failed attempt stays pending for a retry unless `giveUp`. */
export function markJobFailed(
  db: HubDb,
  id: number,
  args: { error: string; nextAttemptAt: number; giveUp: boolean },
): void {
  db.prepare(
    `UPDATE moderation_jobs SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
       sending_since = NULL
     WHERE id = ? AND state = 'pending'`,
  ).run(args.giveUp ? 'failed' : 'pending', args.error.slice(0, 1000), args.nextAttemptAt, id);
}
