import { z } from 'zod';
import { clip } from '../../shared/text/clip';
import type { InboundEvent } from '../inbound-events';
import {
  idString,
  kindWord,
  MAX_NAME,
  MAX_TEXT,
  platformTime,
  platformTimeField,
  unreadable,
  type SkippedEvent,
} from './events';

/*
 * X Account Activity API delivery: `for_user_id` is our subscribed account and
 * `direct_message_events` carries `message_create` events; `users` maps ids to profiles.
 * Only the envelope is checked for the whole delivery (an X delivery names the account it
 * is for); each event is read on its own, so one this hub cannot read never costs the
 * others. Other activity (tweets, likes, follows, typing, reads) is left out and logged.
 */
export const xEnvelopeSchema = z.looseObject({
  for_user_id: idString,
  direct_message_events: z.array(z.unknown()).max(1000).optional(),
  users: z.unknown().optional(),
});
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

const userSchema = z.object({ name: z.string().optional(), screen_name: z.string().optional() });

export interface XDelivery {
  readonly events: InboundEvent[];
  readonly skipped: SkippedEvent[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A profile that does not parse costs the DM its sender's name, never the DM. */
function senderName(users: unknown, senderId: string): string | null {
  if (!isRecord(users)) return null;
  const user = userSchema.safeParse(users[senderId]);
  if (!user.success) return null;
  if (user.data.name !== undefined) return clip(user.data.name, MAX_NAME);
  return user.data.screen_name !== undefined ? clip(`@${user.data.screen_name}`, MAX_NAME) : null;
}

export function readXDelivery(envelope: XEnvelope): XDelivery {
  const events: InboundEvent[] = [];
  const skipped: SkippedEvent[] = [];
  for (const [key, value] of Object.entries(envelope)) {
    if (key === 'direct_message_events' || !key.endsWith('_events')) continue;
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
        text: clip(create.message_data.text, MAX_TEXT),
        accountId: envelope.for_user_id,
        replyToId: null,
        sentAt: platformTime(sent, 'ms'),
      },
    });
  }
  return { events, skipped };
}
