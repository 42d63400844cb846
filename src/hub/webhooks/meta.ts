import { z } from 'zod';
import type { InboundMessage } from '../ingest';

/*
 * Meta webhook payloads as documented for the Messenger Platform (`messaging` events) and
 * the Page `feed` field (`changes`). Unknown fields are ignored; the fields we rely on are
 * required, so a payload missing them is refused rather than half-stored.
 */
const idString = z.string().min(1).max(200);

const messagingEventSchema = z.object({
  sender: z.object({ id: idString }),
  recipient: z.object({ id: idString }),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: idString,
      text: z.string().max(20000).optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(z.object({ type: z.string() })).optional(),
    })
    .optional(),
});

const feedChangeSchema = z.object({
  field: z.string(),
  value: z.object({
    item: z.string().optional(),
    verb: z.string().optional(),
    comment_id: idString.optional(),
    post_id: idString.optional(),
    parent_id: idString.optional(),
    from: z.object({ id: idString, name: z.string().max(200).optional() }).optional(),
    message: z.string().max(20000).optional(),
    created_time: z.number().optional(),
  }),
});

export const metaWebhookSchema = z.object({
  object: z.literal('page'),
  entry: z
    .array(
      z.object({
        id: idString,
        time: z.number(),
        messaging: z.array(messagingEventSchema).optional(),
        changes: z.array(feedChangeSchema).optional(),
      }),
    )
    .max(1000),
});
export type MetaWebhook = z.infer<typeof metaWebhookSchema>;

/** The messages and comments from the public in one delivery; echoes and our own comments are skipped. */
export function metaInboundMessages(payload: MetaWebhook): InboundMessage[] {
  const out: InboundMessage[] = [];
  for (const entry of payload.entry) {
    for (const event of entry.messaging ?? []) {
      const message = event.message;
      if (message === undefined || message.is_echo === true) continue;
      if (event.sender.id === entry.id) continue;
      const text =
        message.text ??
        (message.attachments !== undefined && message.attachments.length > 0
          ? `[${message.attachments.map((a) => a.type).join(', ')}]`
          : '');
      out.push({
        platform: 'facebook',
        kind: 'dm',
        platformMessageId: message.mid,
        senderId: event.sender.id,
        senderName: null,
        text,
        accountId: entry.id,
        replyToId: null,
      });
    }
    for (const change of entry.changes ?? []) {
      const v = change.value;
      if (change.field !== 'feed' || v.item !== 'comment' || v.verb !== 'add') continue;
      if (v.comment_id === undefined || v.from === undefined) continue;
      if (v.from.id === entry.id) continue;
      out.push({
        platform: 'facebook',
        kind: 'comment',
        platformMessageId: v.comment_id,
        senderId: v.from.id,
        senderName: v.from.name ?? null,
        text: v.message ?? '',
        accountId: entry.id,
        replyToId: v.comment_id,
      });
    }
  }
  return out;
}
