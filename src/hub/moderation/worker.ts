import { isLead, PLATFORM_NAMES } from '../../shared/domain';
import { PlatformError, type PlatformAdapters } from '../adapters/types';
import type { HubContext } from '../context';
import { getContact } from '../db/contacts';
import { getConversation } from '../db/conversations';
import { getMessage, setPlatformMessageId } from '../db/messages';
import {
  dueModerationJobs,
  interruptedReplyJobs,
  jobsOfSubject,
  markJobDone,
  markJobFailed,
  markJobSending,
  type ModerationJob,
} from '../db/moderation-jobs';
import { listOperators } from '../db/operators';
import { getBlockedAccount, getCommentModeration } from '../db/moderation';
import { assessFailure, type RetryPolicy } from '../jobs/backoff';
import { startJobLoop, type JobLoop } from '../jobs/job-loop';
import { addNotice, relogMessage } from '../record';
import { putBlockedAccount, putCommentModeration } from './record';

/** `kick()` after an operation or an auto-hide; `stop()` resolves once no call is in flight. */
export type ModerationWorker = JobLoop;

/** The same schedule as reply delivery. */
const RETRY: RetryPolicy = {
  maxAttempts: 10,
  firstDelayMs: 2000,
  maxDelayMs: 5 * 60_000,
  unknownErrors: 'retry',
};

/**
 * Tells Facebook and X what the desk decided: hide, unhide, delete, block and public
 * replies to a comment. Decisions are stored first, so a failed or interrupted call is
 * retried with backoff (also after a restart), as replies are; after repeated failure the
 * person who acted is told, and the comment shows "not confirmed by the platform".
 */
export function startModerationWorker(ctx: HubContext, adapters: PlatformAdapters): ModerationWorker {
  const { db } = ctx;

  async function perform(job: ModerationJob): Promise<void> {
    const adapter = adapters[job.platform];
    const t = job.target;
    switch (job.kind) {
      case 'hide':
      case 'unhide':
      case 'delete': {
        if (t.commentId === null) throw new PlatformError('no comment id', false);
        const comment = { commentId: t.commentId, accountId: t.accountId };
        if (job.kind === 'delete') await adapter.deleteComment(comment);
        else await adapter.setCommentHidden(comment, job.kind === 'hide');
        return;
      }
      case 'block':
        if (t.accountId === null || t.userId === null) throw new PlatformError('no account to block', false);
        await adapter.blockAccount({ accountId: t.accountId, userId: t.userId });
        return;
      case 'reply': {
        const message = t.messageId === null ? null : getMessage(db, t.messageId);
        const conversation = getConversation(db, t.conversationId);
        const contact = conversation === null ? null : getContact(db, conversation.contactId);
        if (message === null || conversation === null || contact === null) {
          throw new PlatformError('reply or conversation gone', false);
        }
        if (message.platformMessageId !== null) return;
        const sent = await adapter.sendReply({
          platform: conversation.platform,
          kind: 'comment',
          messageId: message.id,
          conversationId: conversation.id,
          recipientId: contact.platformUserId,
          accountId: t.accountId,
          replyToId: t.commentId,
          text: message.body,
          lastInboundAt: conversation.lastInboundAt,
          attemptAt: ctx.now(),
        });
        if (sent.platformMessageId !== null) {
          const platformId = sent.platformMessageId;
          ctx.commit(() => {
            setPlatformMessageId(db, message.id, platformId);
            relogMessage(db, ctx.now(), message.id, conversation.confidential);
          });
        }
        return;
      }
    }
  }

  /** The subject shows the state of its newest platform call. */
  function refreshSync(job: ModerationJob, now: number, error: string | null): void {
    const jobs = jobsOfSubject(db, job.subjectId);
    const pending = jobs.some((j) => j.state === 'pending');
    const latest = jobs.filter((j) => j.state !== 'superseded').at(-1);
    const sync = pending ? 'pending' : latest?.state === 'failed' ? 'failed' : 'done';
    const lastError = sync === 'failed' ? (error ?? latest?.lastError ?? null) : null;
    if (job.kind === 'block') {
      const blocked = getBlockedAccount(db, job.subjectId);
      if (blocked !== null)
        putBlockedAccount(db, now, { ...blocked, platformSync: sync, platformError: lastError });
      return;
    }
    const moderation = getCommentModeration(db, job.subjectId);
    if (moderation === null) return;
    if (moderation.platformSync === sync && moderation.platformError === lastError) return;
    const confidential = getConversation(db, moderation.conversationId)?.confidential ?? false;
    putCommentModeration(
      db,
      now,
      { ...moderation, platformSync: sync, platformError: lastError, updatedAt: now },
      confidential,
    );
  }

  /**
   * Tells whoever acted that the platform call finally failed. An automatic hide has nobody
   * who acted: the desk showed the comment hidden while it stayed public, so the leads are
   * told instead of nobody.
   */
  function tellGivenUp(job: ModerationJob, text: string, now: number): void {
    const actorId =
      job.kind === 'block'
        ? (getBlockedAccount(db, job.subjectId)?.blockedBy ?? null)
        : (getCommentModeration(db, job.subjectId)?.actorId ?? null);
    const automatic = actorId === null;
    const to = automatic
      ? listOperators(db)
          .filter(isLead)
          .map((o) => o.id)
      : [actorId];
    const what = automatic ? `automatic ${job.kind} of a comment` : job.kind;
    for (const operatorId of to) {
      addNotice(db, now, {
        operatorId,
        kind: 'info',
        conversationId: job.target.conversationId,
        text:
          `${PLATFORM_NAMES[job.platform]} did not accept the ${what}: ${text.slice(0, 300)}` +
          (automatic ? ' Check the comment in the Moderation tab.' : ''),
      });
    }
  }

  const unsureNotice = (job: ModerationJob, why: string): string =>
    `Your public reply may or may not have reached ${PLATFORM_NAMES[job.platform]} (${why.slice(0, 300)}). Check the comment there, and reply again only if it is missing.`;

  /** Tells the person who answered that their public reply may or may not be up. */
  function tellUnsure(job: ModerationJob, why: string, now: number): void {
    const actorId = getCommentModeration(db, job.subjectId)?.actorId ?? null;
    if (actorId === null) return;
    addNotice(db, now, {
      operatorId: actorId,
      kind: 'info',
      conversationId: job.target.conversationId,
      text: unsureNotice(job, why),
    });
  }

  // Public replies in flight when the previous process stopped: their outcome is unknown.
  ctx.commit(() => {
    const now = ctx.now();
    for (const job of interruptedReplyJobs(db)) {
      const why = 'the hub stopped while sending it';
      ctx.log(`[moderation] reply ${job.subjectId} was in flight when the hub stopped: not sent again`);
      markJobFailed(db, job.id, { error: `unsure: ${why}`, nextAttemptAt: now, giveUp: true });
      refreshSync(job, now, `unsure: ${why}`);
      tellUnsure(job, why, now);
    }
  });

  async function attempt(job: ModerationJob): Promise<void> {
    if (job.kind === 'reply') {
      ctx.commit(() => {
        markJobSending(db, job.id, ctx.now());
      });
    }
    try {
      await perform(job);
      ctx.commit(() => {
        const now = ctx.now();
        markJobDone(db, job.id, now);
        refreshSync(job, now, null);
      });
    } catch (error) {
      const assessed = assessFailure(error, job.attempts, RETRY);
      const { attempts, retryInMs } = assessed;
      // A public reply the platform may have posted is not posted again (as for replies).
      const unsure = job.kind === 'reply' && error instanceof PlatformError && error.unsure === 'no-answer';
      const giveUp = assessed.giveUp || unsure;
      const text = unsure ? `unsure: ${assessed.text}` : assessed.text;
      ctx.log(`[moderation] ${job.kind} ${job.subjectId} attempt ${attempts} failed: ${text}`);
      ctx.commit(() => {
        const now = ctx.now();
        markJobFailed(db, job.id, { error: text, nextAttemptAt: now + retryInMs, giveUp });
        if (!giveUp) return;
        refreshSync(job, now, text);
        if (unsure) tellUnsure(job, assessed.text, now);
        else tellGivenUp(job, text, now);
      });
    }
  }

  return startJobLoop({
    name: '[moderation] worker',
    intervalMs: 1000,
    log: ctx.log,
    due: () => dueModerationJobs(db, ctx.now(), 50),
    run: attempt,
  });
}
