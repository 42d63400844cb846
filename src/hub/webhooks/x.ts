import { z } from 'zod';
import { MAX_CONTACT_NAME, MAX_MESSAGE_TEXT } from '../../shared/domain';
import { clip } from '../../shared/text/clip';
import type { InboundEvent } from '../inbound-events';
import { idString, kindWord, platformTime, platformTimeField, unreadable, type SkippedEvent } from './events';

/*
 * X Account Activity API delivery: `for_user_id` is our subscribed account;
 * `direct_message_events` carries `message_create` events (`users` maps ids to profiles),
 * `tweet_create_events` the posts that mention or answer our account (v1.1 Tweet objects),
 * and `tweet_delete_events` posts their authors deleted. Only the envelope is checked for
 * the whole delivery (an X delivery names the account it is for); each event is read on
 * its own, so one this hub cannot read never costs the others. Other activity (likes,
 * follows, typing, reads) is left out and logged.
 */
export const xEnvelopeSchema = z.looseObject({
  for_user_id: idString,
  direct_message_events: z.array(z.unknown()).max(1000).optional(),
  tweet_create_events: z.array(z.unknown()).max(1000).optional(),
  tweet_delete_events: z.array(z.unknown()).max(1000).optional(),
  users: z.unknown().optional(),
});

/** The profile fields a name is taken from. */
const userSchema = z.object({ name: z.string().optional(), screen_name: z.string().optional() });

/**
 * A post from X's Account Activity API (a v1.1 Tweet object): a mention of our account, a
 * reply to one of our posts, a quote. Long posts carry their whole text in
 * `extended_tweet.full_text`; `text` is then cut short.
 */
const tweetSchema = z.object({
  id_str: idString,
  text: z.string().optional(),
  full_text: z.string().optional(),
  extended_tweet: z.object({ full_text: z.string() }).optional(),
  user: userSchema.extend({ id_str: idString }),
  retweeted_status: z.unknown().optional(),
  /** The post this one answers; null or absent for a post that answers nobody. */
  in_reply_to_status_id_str: idString.nullable().optional(),
  timestamp_ms: platformTimeField,
});

/** A post its author deleted: `status.id` is the post, `status.user_id` its author. */
const tweetDeleteSchema = z.object({
  // Strings, as X sends them: a post id does not fit a JavaScript number.
  status: z.object({ id: idString, user_id: idString }),
});

const HANDLED = new Set(['direct_message_events', 'tweet_create_events', 'tweet_delete_events']);
export type XEnvelope = z.infer<typeof xEnvelopeSchema>;

/** The fields a DM from a person needs; over-long text is cut to fit, not refused. */
const dmEventSchema = z.object({
  id: idString,
  created_timestamp: platformTimeField,
  message_create: z.object({
    sender_id: idString,
    message_data: z.object({ text: z.string() }),
  }),
});

export interface XDelivery {
  readonly events: InboundEvent[];
  readonly skipped: SkippedEvent[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The name a profile shows (else its @handle), cut to fit; null when it has neither. */
function displayName(user: z.infer<typeof userSchema>): string | null {
  if (user.name !== undefined) return clip(user.name, MAX_CONTACT_NAME);
  return user.screen_name !== undefined ? clip(`@${user.screen_name}`, MAX_CONTACT_NAME) : null;
}

/** A profile that does not parse costs the DM its sender's name, never the DM. */
function senderName(users: unknown, senderId: string): string | null {
  if (!isRecord(users)) return null;
  const user = userSchema.safeParse(users[senderId]);
  return user.success ? displayName(user.data) : null;
}

export function readXDelivery(envelope: XEnvelope): XDelivery {
  const events: InboundEvent[] = [];
  const skipped: SkippedEvent[] = [];
  for (const [key, value] of Object.entries(envelope)) {
    if (HANDLED.has(key) || !key.endsWith('_events')) continue;
    const count = Array.isArray(value) ? value.length : 1;
    skipped.push({ kind: kindWord(key), why: `not handled (${String(count)})` });
  }
  for (const raw of envelope.direct_message_events ?? []) {
    const type = isRecord(raw) ? raw.type : undefined;
    const kind = `direct_message_events/${kindWord(type)}`;
    if (type !== 'message_create') {
      skipped.push({ kind, why: 'not handled' });
      continue;
    }
    const parsed = dmEventSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ kind, why: unreadable(parsed.error) });
      continue;
    }
    const { id, message_create: create, created_timestamp: sent } = parsed.data;
    if (create.sender_id === envelope.for_user_id) continue;
    events.push({
      type: 'message',
      message: {
        platform: 'x',
        kind: 'dm',
        platformMessageId: id,
        senderId: create.sender_id,
        senderName: senderName(envelope.users, create.sender_id),
        text: clip(create.message_data.text, MAX_MESSAGE_TEXT),
        accountId: envelope.for_user_id,
        replyToId: null,
        sentAt: platformTime(sent, 'ms'),
      },
    });
  }
  readTweets(envelope, events, skipped);
  return { events, skipped };
}

/**
 * Posts from the public that mention or answer our account become comments, answered in
 * public under them (or by DM). Our own posts and plain retweets need no answer.
 */
function readTweets(envelope: XEnvelope, events: InboundEvent[], skipped: SkippedEvent[]): void {
  for (const raw of envelope.tweet_create_events ?? []) {
    const parsed = tweetSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ kind: 'tweet_create_events', why: unreadable(parsed.error) });
      continue;
    }
    const tweet = parsed.data;
    if (tweet.user.id_str === envelope.for_user_id) continue;
    if (tweet.retweeted_status !== undefined) {
      skipped.push({ kind: 'tweet_create_events/retweet', why: 'not handled' });
      continue;
    }
    events.push({
      type: 'message',
      message: {
        platform: 'x',
        kind: 'comment',
        platformMessageId: tweet.id_str,
        senderId: tweet.user.id_str,
        senderName: displayName(tweet.user),
        text: clip(tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '', MAX_MESSAGE_TEXT),
        accountId: envelope.for_user_id,
        replyToId: tweet.id_str,
        sentAt: platformTime(tweet.timestamp_ms, 'ms'),
        // X lets an account hide replies only. A mention that answers nobody starts its own
        // conversation, so no automatic or manual hide is tried and failed on it.
        hideable: typeof tweet.in_reply_to_status_id_str === 'string',
      },
    });
  }
  for (const raw of envelope.tweet_delete_events ?? []) {
    const parsed = tweetDeleteSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ kind: 'tweet_delete_events', why: unreadable(parsed.error) });
      continue;
    }
    events.push({
      type: 'comment-removed',
      removal: { platform: 'x', commentId: parsed.data.status.id },
    });
  }
}
