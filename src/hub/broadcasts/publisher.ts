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
  type BroadcastCore,
  type ChannelRow,
} from '../db/broadcasts';
import { logBroadcast } from './record';

export interface BroadcastPublisher {
  /** Look for due channel work now (after an operation was applied). */
  kick(): void;
  /** Resolves once nothing is in flight. */
  stop(): Promise<void>;
}

/** Retryable failures (network, 5xx, 429) are tried this often before the channel shows failed. */
const MAX_AUTO_ATTEMPTS = 3;
const backoffMs = (attempts: number): number => Math.min(60_000, 1000 * 2 ** (attempts - 1));

type Posts = ChannelRow['posts'];

/**
 * Publishes, updates and retracts broadcasts channel by channel. Each job is claimed in the
 * database before anything is posted and every confirmed post is written at once, so a
 * restart neither repeats a post nor forgets one: a post that was in flight when the hub
 * stopped is marked `uncertain` for a person to check instead of being sent again.
 */
export function startBroadcastPublisher(ctx: HubContext, adapters: PlatformAdapters): BroadcastPublisher {
  const { db } = ctx;
  const flags = { again: false, stopped: false };
  let running: Promise<void> | null = null;

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
      if (job.action === 'publish' && existing !== undefined) continue;
      const message = outbound(core, part, text, job);
      const done =
        existing === undefined
          ? await adapter.publishPost(message)
          : await adapter.editPost(existing.postId, message);
      persist([...posts.filter((p) => p.part !== part), { part, postId: done.postId }]);
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
        const next: ChannelRow = overtaken
          ? { ...released, attempts: released.attempts + 1 }
          : {
              ...released,
              state: retracted ? 'retracted' : 'published',
              action: null,
              dueAt: null,
              publishedVersion: retracted ? fresh.publishedVersion : version,
              attempts: fresh.attempts + 1,
              lastError: null,
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
        const text = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        const attempts = fresh.attempts + 1;
        const retryable = outcome.error instanceof PlatformError && outcome.error.retryable;
        const giveUp = !retryable || attempts >= MAX_AUTO_ATTEMPTS;
        ctx.log(`[broadcasts] ${job.broadcastId} ${job.channel} ${job.action ?? ''} failed: ${text}`);
        const next: ChannelRow = overtaken
          ? { ...released, lastError: text }
          : {
              ...released,
              state: giveUp ? 'failed' : job.action === 'retract' ? 'retracting' : 'scheduled',
              dueAt: giveUp ? null : now + backoffMs(attempts),
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
    if (core === null || job.action === null) {
      ctx.commit(() => {
        if (job.claimId === null) return;
        const fresh = getChannel(db, job.broadcastId, job.channel);
        if (fresh !== null)
          saveChannel(db, { ...fresh, claimId: null, claimedAt: null, action: null, dueAt: null });
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

  // A function, not an inline test: the flags change from other callbacks while a drain awaits.
  const repeatWanted = (): boolean => flags.again && !flags.stopped;

  const drain = async (): Promise<void> => {
    do {
      flags.again = false;
      for (;;) {
        if (flags.stopped) return;
        const job = claimDueChannel(db, ctx.now(), randomUUID());
        if (job === null) break;
        await run(job);
      }
    } while (repeatWanted());
  };

  const kick = (): void => {
    if (flags.stopped) return;
    if (running !== null) {
      flags.again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => {
        ctx.log(`[broadcasts] publisher failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = null;
      });
  };

  recover();
  const timer = setInterval(kick, 500);
  timer.unref();
  kick();

  return {
    kick,
    async stop() {
      flags.stopped = true;
      clearInterval(timer);
      if (running !== null) await running;
    },
  };
}
