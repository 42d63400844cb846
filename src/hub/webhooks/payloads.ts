/**
 * Webhook deliveries in the platforms' documented shapes, for the simulator (and tests) to
 * hand to the same handlers real traffic reaches.
 */

export interface MetaDmEvent {
  readonly senderId: string;
  readonly mid: string;
  readonly text: string;
}

/** A Messenger delivery: one page entry per message; `time` in epoch ms. */
export function metaDmPayload(pageId: string, time: number, messages: readonly MetaDmEvent[]): string {
  return JSON.stringify({
    object: 'page',
    entry: messages.map((m) => ({
      id: pageId,
      time,
      messaging: [
        {
          sender: { id: m.senderId },
          recipient: { id: pageId },
          timestamp: time,
          message: { mid: m.mid, text: m.text },
        },
      ],
    })),
  });
}

export interface MetaCommentEvent {
  readonly commentId: string;
  readonly postId: string;
  readonly fromId: string;
  readonly fromName: string;
  readonly text: string;
  /** Unix seconds, as Meta sends `created_time`. */
  readonly createdTime: number;
  /** `add` (the default) for a new comment, `edited` for its author's edit, `remove` when taken down. */
  readonly verb?: 'add' | 'edited' | 'remove';
}

/** A Page feed change about a public comment: new by default, or edited or removed. */
export function metaCommentPayload(pageId: string, time: number, comment: MetaCommentEvent): string {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'comment',
              verb: comment.verb ?? 'add',
              comment_id: comment.commentId,
              post_id: comment.postId,
              from: { id: comment.fromId, name: comment.fromName },
              message: comment.text,
              created_time: comment.createdTime,
            },
          },
        ],
      },
    ],
  });
}

export interface XDmEvent {
  readonly id: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly senderId: string;
  readonly senderName: string;
  readonly senderScreenName: string;
  readonly text: string;
  /** X sends empty entity lists with every DM; tests may leave them out. */
  readonly withEntities?: boolean;
}

/** An Account Activity API direct message event for our account. */
export function xDmPayload(forUserId: string, dm: XDmEvent): string {
  return JSON.stringify({
    for_user_id: forUserId,
    direct_message_events: [
      {
        type: 'message_create',
        id: dm.id,
        created_timestamp: String(dm.createdAt),
        message_create: {
          target: { recipient_id: forUserId },
          sender_id: dm.senderId,
          message_data:
            dm.withEntities === true
              ? { text: dm.text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } }
              : { text: dm.text },
        },
      },
    ],
    users: {
      [dm.senderId]: { id: dm.senderId, name: dm.senderName, screen_name: dm.senderScreenName },
    },
  });
}

export interface XTweetEvent {
  readonly id: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly userId: string;
  readonly userName: string;
  readonly screenName: string;
  readonly text: string;
  /** The post it answers (a reply to one of ours), if any. */
  readonly inReplyTo?: string;
}

/**
 * An Account Activity API `tweet_create_events` delivery: a post by someone else that
 * mentions or answers our account, as a v1.1 Tweet object (over 140 characters, the whole
 * text is in `extended_tweet.full_text` and `text` is cut short).
 */
export function xTweetPayload(forUserId: string, tweet: XTweetEvent): string {
  const long = tweet.text.length > 140;
  return JSON.stringify({
    for_user_id: forUserId,
    user_has_blocked: false,
    tweet_create_events: [
      {
        created_at: new Date(tweet.createdAt).toUTCString(),
        id: Number(tweet.id),
        id_str: tweet.id,
        text: long ? `${tweet.text.slice(0, 139)}…` : tweet.text,
        truncated: long,
        ...(long ? { extended_tweet: { full_text: tweet.text } } : {}),
        in_reply_to_status_id_str: tweet.inReplyTo ?? null,
        in_reply_to_user_id_str: tweet.inReplyTo === undefined ? null : forUserId,
        user: {
          id: Number(tweet.userId),
          id_str: tweet.userId,
          name: tweet.userName,
          screen_name: tweet.screenName,
        },
        is_quote_status: false,
        timestamp_ms: String(tweet.createdAt),
      },
    ],
  });
}
