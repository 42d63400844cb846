import { z } from 'zod';
import type { InboundMessage } from '../ingest';

/*
 * X Account Activity API delivery: `for_user_id` is our subscribed account and
 * `direct_message_events` carries `message_create` events; `users` maps ids to profiles.
 * Other activity (tweets, likes, follows) is accepted and ignored for now.
 */
const idString = z.string().min(1).max(200);

const dmEventSchema = z.object({
  type: z.string(),
  id: idString,
  created_timestamp: z.string().optional(),
  message_create: z
    .object({
      target: z.object({ recipient_id: idString }),
      sender_id: idString,
      message_data: z.object({ text: z.string().max(20000) }),
    })
    .optional(),
});

export const xWebhookSchema = z.object({
  for_user_id: idString,
  direct_message_events: z.array(dmEventSchema).max(1000).optional(),
  users: z
    .record(
      z.string(),
      z.object({ id: idString, name: z.string().max(200).optional(), screen_name: z.string().optional() }),
    )
    .optional(),
});
export type XWebhook = z.infer<typeof xWebhookSchema>;

export function xInboundMessages(payload: XWebhook): InboundMessage[] {
  const out: InboundMessage[] = [];
  for (const event of payload.direct_message_events ?? []) {
    const create = event.message_create;
    if (event.type !== 'message_create' || create === undefined) continue;
    if (create.sender_id === payload.for_user_id) continue;
    const user = payload.users?.[create.sender_id];
    const name = user?.name ?? (user?.screen_name !== undefined ? `@${user.screen_name}` : null);
    out.push({
      platform: 'x',
      kind: 'dm',
      platformMessageId: event.id,
      senderId: create.sender_id,
      senderName: name,
      text: create.message_data.text,
      accountId: payload.for_user_id,
      replyToId: null,
    });
  }
  return out;
}
