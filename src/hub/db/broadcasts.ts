import { z } from 'zod';
import { platformSchema, type Platform } from '../../shared/domain';
import {
  broadcastChannelStatusSchema,
  broadcastSchema,
  channelStateSchema,
  postPartSchema,
  type Broadcast,
  type BroadcastChannelStatus,
  type ChannelState,
  type PostPart,
} from '../../shared/protocol';
import type { HubDb } from './connection';

/** A broadcast without its channel rows, as kept in `broadcasts.json`. */
export const broadcastCoreSchema = broadcastSchema.omit({ channelStatus: true });
export type BroadcastCore = z.infer<typeof broadcastCoreSchema>;

export type ChannelAction = 'publish' | 'update' | 'retract';

/**
 * The one status in which a channel's action may run: only an approved version goes out
 * (an emergency publication is approved as it is published), and only a retracted
 * broadcast is taken down. A failed channel keeps its action when the text is edited
 * afterwards, so retrying it and running it both ask this.
 */
export const statusToRun = (action: ChannelAction): BroadcastCore['status'] =>
  action === 'retract' ? 'retracted' : 'approved';

export interface ChannelRow {
  readonly broadcastId: string;
  readonly channel: Platform;
  readonly state: ChannelState;
  readonly action: ChannelAction | null;
  readonly dueAt: number | null;
  readonly claimId: string | null;
  readonly claimedAt: number | null;
  /**
   * What is live, part by part. `version` is the broadcast version a post carries (absent on
   * posts stored before it was recorded): a publish that finds a post of an older version
   * (approved again while the first post was in flight) edits it rather than leave it.
   */
  readonly posts: readonly { readonly part: PostPart; readonly postId: string; readonly version?: number }[];
  readonly publishedVersion: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: number;
  /** A post may be live that `posts` does not hold (migration 010); false when absent. */
  readonly unsurePost?: boolean;
}

const postsSchema = z.array(
  z.object({ part: postPartSchema, postId: z.string(), version: z.number().int().min(1).optional() }),
);

const channelRowSchema = z.object({
  broadcast_id: z.string(),
  channel: platformSchema,
  state: channelStateSchema,
  action: z.enum(['publish', 'update', 'retract']).nullable(),
  due_at: z.number().int().nullable(),
  claim_id: z.string().nullable(),
  claimed_at: z.number().int().nullable(),
  posts_json: z.string(),
  published_version: z.number().int().nullable(),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  updated_at: z.number().int(),
  unsure_post: z.number().int(),
});

const toChannel = (row: unknown): ChannelRow => {
  const r = channelRowSchema.parse(row);
  return {
    broadcastId: r.broadcast_id,
    channel: r.channel,
    state: r.state,
    action: r.action,
    dueAt: r.due_at,
    claimId: r.claim_id,
    claimedAt: r.claimed_at,
    posts: postsSchema.parse(JSON.parse(r.posts_json)),
    publishedVersion: r.published_version,
    attempts: r.attempts,
    lastError: r.last_error,
    updatedAt: r.updated_at,
    unsurePost: r.unsure_post === 1,
  };
};

const jsonRowSchema = z.object({ json: z.string() });
const idRowSchema = z.object({ id: z.string() });

export function getBroadcastCore(db: HubDb, id: string): BroadcastCore | null {
  const row: unknown = db.prepare('SELECT json FROM broadcasts WHERE id = ?').get(id);
  if (row === undefined) return null;
  const { json } = jsonRowSchema.parse(row);
  return broadcastCoreSchema.parse(JSON.parse(json));
}

export function saveBroadcastCore(db: HubDb, core: BroadcastCore): void {
  db.prepare(
    `INSERT INTO broadcasts (id, json, created_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
  ).run(core.id, JSON.stringify(broadcastCoreSchema.parse(core)), core.createdAt);
}

export function channelsOf(db: HubDb, broadcastId: string): ChannelRow[] {
  return db
    .prepare('SELECT * FROM broadcast_channels WHERE broadcast_id = ? ORDER BY channel')
    .all(broadcastId)
    .map(toChannel);
}

export function getChannel(db: HubDb, broadcastId: string, channel: Platform): ChannelRow | null {
  const row: unknown = db
    .prepare('SELECT * FROM broadcast_channels WHERE broadcast_id = ? AND channel = ?')
    .get(broadcastId, channel);
  return row === undefined ? null : toChannel(row);
}

export function saveChannel(db: HubDb, row: ChannelRow): void {
  db.prepare(
    `INSERT INTO broadcast_channels
       (broadcast_id, channel, state, action, due_at, claim_id, claimed_at, posts_json,
        published_version, attempts, last_error, updated_at, unsure_post)
     VALUES (@broadcastId, @channel, @state, @action, @dueAt, @claimId, @claimedAt, @postsJson,
        @publishedVersion, @attempts, @lastError, @updatedAt, @unsurePost)
     ON CONFLICT (broadcast_id, channel) DO UPDATE SET
       state = excluded.state, action = excluded.action, due_at = excluded.due_at,
       claim_id = excluded.claim_id, claimed_at = excluded.claimed_at, posts_json = excluded.posts_json,
       published_version = excluded.published_version, attempts = excluded.attempts,
       last_error = excluded.last_error, updated_at = excluded.updated_at,
       unsure_post = excluded.unsure_post`,
  ).run({
    broadcastId: row.broadcastId,
    channel: row.channel,
    state: row.state,
    action: row.action,
    dueAt: row.dueAt,
    claimId: row.claimId,
    claimedAt: row.claimedAt,
    postsJson: JSON.stringify(row.posts),
    publishedVersion: row.publishedVersion,
    attempts: row.attempts,
    lastError: row.lastError === null ? null : row.lastError.slice(0, 1000),
    updatedAt: row.updatedAt,
    unsurePost: row.unsurePost === true ? 1 : 0,
  });
}

/**
 * Takes the next due channel job for this worker. The claim is a conditional update, so
 * of two claimers only one ever gets a job, and the claim is on disk before any post.
 */
export function claimDueChannel(db: HubDb, now: number, claimId: string): ChannelRow | null {
  return db.transaction((): ChannelRow | null => {
    const row: unknown = db
      .prepare(
        `SELECT * FROM broadcast_channels
         WHERE due_at IS NOT NULL AND due_at <= ? AND claim_id IS NULL AND action IS NOT NULL
         ORDER BY due_at LIMIT 1`,
      )
      .get(now);
    if (row === undefined) return null;
    const job = toChannel(row);
    const result = db
      .prepare(
        `UPDATE broadcast_channels SET claim_id = ?, claimed_at = ?
         WHERE broadcast_id = ? AND channel = ? AND claim_id IS NULL`,
      )
      .run(claimId, now, job.broadcastId, job.channel);
    return result.changes === 1 ? { ...job, claimId, claimedAt: now } : null;
  })();
}

/** Channel jobs a previous hub process claimed and never finished. */
export function claimedChannels(db: HubDb): ChannelRow[] {
  return db.prepare('SELECT * FROM broadcast_channels WHERE claim_id IS NOT NULL').all().map(toChannel);
}

export function channelStatus(row: ChannelRow): BroadcastChannelStatus {
  return broadcastChannelStatusSchema.parse({
    channel: row.channel,
    state: row.state,
    action: row.action,
    dueAt: row.dueAt,
    posts: row.posts,
    publishedVersion: row.publishedVersion,
    attempts: row.attempts,
    lastError: row.lastError,
    updatedAt: row.updatedAt,
  });
}

export function readBroadcast(db: HubDb, id: string): Broadcast | null {
  const core = getBroadcastCore(db, id);
  if (core === null) return null;
  return { ...core, channelStatus: channelsOf(db, id).map(channelStatus) };
}

/** Pages by id, for snapshots. */
export function listBroadcasts(db: HubDb, afterId: string, limit: number): Broadcast[] {
  const ids = db
    .prepare('SELECT id FROM broadcasts WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map((row) => idRowSchema.parse(row).id);
  return ids.flatMap((id) => {
    const b = readBroadcast(db, id);
    return b === null ? [] : [b];
  });
}

export interface StoredMedia {
  readonly id: string;
  readonly name: string;
  readonly mime: 'image/png' | 'image/jpeg';
  readonly alt: string;
  readonly data: Uint8Array;
}

export function putMedia(db: HubDb, broadcastId: string, media: StoredMedia, at: number): void {
  db.prepare(
    'INSERT INTO broadcast_media (id, broadcast_id, name, mime, alt, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(media.id, broadcastId, media.name, media.mime, media.alt, Buffer.from(media.data), at);
}

const mediaRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.enum(['image/png', 'image/jpeg']),
  alt: z.string(),
  data: z.instanceof(Buffer),
});

export function getMedia(db: HubDb, id: string): StoredMedia | null {
  const row: unknown = db
    .prepare('SELECT id, name, mime, alt, data FROM broadcast_media WHERE id = ?')
    .get(id);
  if (row === undefined) return null;
  const r = mediaRowSchema.parse(row);
  return { id: r.id, name: r.name, mime: r.mime, alt: r.alt, data: new Uint8Array(r.data) };
}

/** Records a post as soon as the platform confirms it, keeping the claim and everything else. */
export function setChannelPosts(
  db: HubDb,
  broadcastId: string,
  channel: Platform,
  posts: ChannelRow['posts'],
): void {
  db.prepare('UPDATE broadcast_channels SET posts_json = ? WHERE broadcast_id = ? AND channel = ?').run(
    JSON.stringify(posts),
    broadcastId,
    channel,
  );
}
