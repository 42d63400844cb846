import { randomUUID } from 'node:crypto';
import { postsFor } from '../../shared/broadcasts/rules';
import type { BroadcastEvent } from '../../shared/protocol';
import type { HubContext } from '../context';
import { PlatformError, type OutboundPost, type PlatformAdapters } from '../adapters/types';
import { appendAudit } from '../db/audit';
import {
  claimDueChannel,
  claimedChannels,
  getBroadcastCore,
  getChannel,
  getMedia,
  saveBroadcastCore,
  saveChannel,
  setChannelPosts,
  statusToRun,
  type BroadcastCore,
  type ChannelRow,
} from '../db/broadcasts';
import { assessFailure, type RetryPolicy } from '../jobs/backoff';
import { startJobLoop, type JobLoop } from '../jobs/job-loop';
import { logBroadcast } from './record';

/** `kick()` after an operation was applied; `stop()` resolves once nothing is in flight. */
export type BroadcastPublisher = JobLoop;

/**
 * Retryable failures (network, 429) are tried this often before the channel shows failed;
 * anything else fails at once, since a person must look before posting again. A post that
 * may have gone out (no answer, a 5xx) is not tried again either: the channel shows
 * "check the page", as after a restart mid-post.
 */
const RETRY: RetryPolicy = {
  maxAttempts: 3,
  firstDelayMs: 1000,
  maxDelayMs: 60_000,
  unknownErrors: 'give-up',
};

type Posts = ChannelRow['posts'];

/**
 * Publishes, updates and retracts broadcasts channel by channel. Each job is claimed in the
 * database before anything is posted and every confirmed post is written at once, so a
 * restart neither repeats a post nor forgets one: a post that was in flight when the hub
 * stopped is marked `uncertain` for a person to check instead of being sent again.
 */
export function startBroadcastPublisher(ctx: HubContext, adapters: PlatformAdapters): BroadcastPublisher {
  const { db } = ctx;

  const note = (
    core: BroadcastCore,
    kind: BroadcastEvent['kind'],
    row: ChannelRow,
    comment: string,
    now: number,
  ): void => {
    const history = [
      ...core.history,
      {
        kind,
        by: null,
        at: now,
        version: core.version,
        channel: row.channel,
        comment: comment.slice(0, 2000),
      },
    ];
    saveBroadcastCore(db, { ...core, history, updatedAt: now });
    appendAudit(db, {
      at: now,
      actorId: null,
      action: `broadcast.${kind}`,
      subjectId: core.id,
      detail: { channel: row.channel, action: row.action, version: core.version, comment },
    });
  };

  // A claim left by a previous process: the post may or may not have gone out.
  const recover = (): void => {
    ctx.commit(() => {
      const now = ctx.now();
      for (const row of claimedChannels(db)) {
        const core = getBroadcastCore(db, row.broadcastId);
        if (row.action === 'retract') {
          // Deleting twice is harmless (a missing post counts as deleted): just go again.
          saveChannel(db, {
            ...row,
            claimId: null,
            claimedAt: null,
            state: 'retracting',
            dueAt: now,
            updatedAt: now,
          });
        } else {
          const reason = `The hub stopped while posting to ${row.channel}. Check whether the post is live before retrying.`;
          saveChannel(db, {
            ...row,
            claimId: null,
            claimedAt: null,
            state: 'uncertain',
            dueAt: null,
            lastError: reason,
            updatedAt: now,
            unsurePost: true,
          });
          if (core !== null) note(core, 'channel-uncertain', row, reason, now);
        }
        logBroadcast(db, now, row.broadcastId);
      }
    });
  };

  const outbound = (
    core: BroadcastCore,
    part: OutboundPost['part'],
    text: string,
    row: ChannelRow,
  ): OutboundPost => {
    const media = core.image === null ? null : getMedia(db, core.image.id);
    return {
      broadcastId: core.id,
      part,
      text,
      image:
        media === null ? null : { name: media.name, mime: media.mime, bytes: media.data, alt: media.alt },
      idempotencyKey: `${core.id}:${row.channel}:${part}:v${core.version}:${row.action ?? 'none'}`,
    };
  };

  /** Does the job's work, saving each confirmed post as it goes; returns the posts that stand. */
  const perform = async (core: BroadcastCore, job: ChannelRow): Promise<Posts> => {
    const adapter = adapters[job.channel];
    let posts: Posts = [...job.posts];
    const persist = (next: Posts): void => {
      posts = next;
      ctx.commit(() => {
        setChannelPosts(db, job.broadcastId, job.channel, next);
      });
    };
    if (job.action === 'retract') {
      for (const post of job.posts) {
        await adapter.deletePost(post.postId);
        persist(posts.filter((p) => p.postId !== post.postId));
      }
      return posts;
    }
    const wanted = postsFor(job.channel, core.textEn, core.textCy);
    for (const { part, text } of wanted) {
      const existing = posts.find((p) => p.part === part);
      // A publish resumed after a partial failure skips the parts already up. A part up in
      // an older version got there while this version was being approved (the job was
      // scheduled as a first publish): it is brought up to date, not left as it was.
      const current = existing !== undefined && (existing.version ?? core.version) === core.version;
      if (job.action === 'publish' && current) continue;
      const message = outbound(core, part, text, job);
      const done =
        existing === undefined
          ? await adapter.publishPost(message)
          : await adapter.editPost(existing.postId, message);
      persist([
        ...posts.filter((p) => p.part !== part),
        { part, postId: done.postId, version: core.version },
      ]);
    }
    return posts;
  };

  const finish = (job: ChannelRow, version: number, outcome: { posts: Posts } | { error: unknown }): void => {
    ctx.commit(() => {
      const now = ctx.now();
      const fresh = getChannel(db, job.broadcastId, job.channel);
      if (fresh === null || fresh.claimId !== job.claimId) return;
      const core = getBroadcastCore(db, job.broadcastId);
      // An operation (a retraction, a new approval) rewrote the job while it ran: that wins.
      const overtaken = fresh.updatedAt !== job.updatedAt;
      const released: ChannelRow = { ...fresh, claimId: null, claimedAt: null };
      if ('posts' in outcome) {
        const retracted = job.action === 'retract';
        // Taken down what it knew of; a post it holds no id for may still be up.
        const leftUnsure = retracted && fresh.unsurePost === true;
        const next: ChannelRow = overtaken
          ? {
              ...released,
              attempts: released.attempts + 1,
              // A publish overtaken by a retraction saved its post: the retraction takes it down.
              unsurePost: retracted ? fresh.unsurePost : false,
            }
          : {
              ...released,
              state: leftUnsure ? 'uncertain' : retracted ? 'retracted' : 'published',
              action: null,
              dueAt: null,
              publishedVersion: retracted ? fresh.publishedVersion : version,
              attempts: fresh.attempts + 1,
              lastError: leftUnsure
                ? `Took down the posts the hub knew of on ${job.channel}; one more may have gone out while it was being posted. Check the page and remove it if it is there.`
                : null,
              updatedAt: now,
            };
        saveChannel(db, next);
        if (core !== null)
          note(
            core,
            retracted ? 'channel-retracted' : 'channel-published',
            job,
            outcome.posts.map((p) => p.postId).join(', '),
            now,
          );
      } else {
        const { text, attempts, giveUp, retryInMs } = assessFailure(outcome.error, fresh.attempts, RETRY);
        ctx.log(`[broadcasts] ${job.broadcastId} ${job.channel} ${job.action ?? ''} failed: ${text}`);
        // Deleting twice is harmless (a missing post counts as deleted); posting twice is not.
        const unsure =
          job.action !== 'retract' && outcome.error instanceof PlatformError && outcome.error.unsure !== 'no';
        if (unsure && !overtaken) {
          const reason = `${text}. The post may have gone out on ${job.channel}: check whether it is live before retrying.`;
          saveChannel(db, {
            ...released,
            state: 'uncertain',
            dueAt: null,
            attempts,
            lastError: reason.slice(0, 1000),
            updatedAt: now,
            unsurePost: true,
          });
          if (core !== null) note(core, 'channel-uncertain', job, reason, now);
          logBroadcast(db, now, job.broadcastId);
          return;
        }
        // Overtaken (by a retraction, say): whether this publish may have left a post up is
        // what the retraction's outcome must know.
        const next: ChannelRow = overtaken
          ? { ...released, lastError: text, unsurePost: job.action !== 'retract' ? unsure : fresh.unsurePost }
          : {
              ...released,
              state: giveUp ? 'failed' : job.action === 'retract' ? 'retracting' : 'scheduled',
              dueAt: giveUp ? null : now + retryInMs,
              attempts,
              lastError: text,
              updatedAt: now,
            };
        saveChannel(db, next);
        if (core !== null && giveUp) note(core, 'channel-failed', job, text, now);
      }
      logBroadcast(db, now, job.broadcastId);
    });
  };

  const run = async (job: ChannelRow): Promise<void> => {
    const core = getBroadcastCore(db, job.broadcastId);
    // A job left behind for a broadcast no longer in its action's status is dropped, never run.
    const due = core !== null && job.action !== null && core.status === statusToRun(job.action);
    if (!due) {
      ctx.commit(() => {
        if (job.claimId === null) return;
        const fresh = getChannel(db, job.broadcastId, job.channel);
        if (fresh === null) return;
        saveChannel(db, {
          ...fresh,
          state: fresh.posts.length > 0 ? 'published' : 'idle',
          claimId: null,
          claimedAt: null,
          action: null,
          dueAt: null,
        });
        if (core !== null) logBroadcast(db, ctx.now(), job.broadcastId);
      });
      return;
    }
    ctx.commit(() => {
      // Consoles see "publishing" while it is in flight; the claim itself is already on disk.
      const fresh = getChannel(db, job.broadcastId, job.channel);
      if (fresh === null || fresh.claimId !== job.claimId) return;
      const state = job.action === 'retract' ? 'retracting' : 'publishing';
      if (fresh.state !== state) {
        db.prepare('UPDATE broadcast_channels SET state = ? WHERE broadcast_id = ? AND channel = ?').run(
          state,
          job.broadcastId,
          job.channel,
        );
        logBroadcast(db, ctx.now(), job.broadcastId);
      }
    });
    try {
      const posts = await perform(core, job);
      finish(job, core.version, { posts });
    } catch (error) {
      finish(job, core.version, { error });
    }
  };

  // Claims one job at a time, and only when the loop is not stopping: a claim is on disk,
  // and a claimed job left unrun would show as uncertain after a restart.
  function* claims(): Generator<ChannelRow> {
    for (;;) {
      const job = claimDueChannel(db, ctx.now(), randomUUID());
      if (job === null) return;
      yield job;
    }
  }

  recover();
  return startJobLoop({
    name: '[broadcasts] publisher',
    intervalMs: 500,
    log: ctx.log,
    due: claims,
    run,
  });
}
