import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_CONTACT_NAME, MAX_MESSAGE_TEXT } from '../../shared/domain';
import { clip } from '../../shared/text/clip';
import type { InboundEvent } from '../inbound-events';
import { idString, kindWord, platformTime, platformTimeField, unreadable, type SkippedEvent } from './events';

/*
 * Meta webhook payloads as documented for the Messenger Platform (`messaging` events) and
 * the Page `feed` field (`changes`). Only the envelope is checked for the whole delivery:
 * a body that is not `object: 'page'` with entries naming a page and a time is not Meta's,
 * and is refused. Each event inside is read on its own: Meta batches events for a page,
 * and opt-ins, postbacks and reads arrive beside messages with other shapes (an opt-in
 * from the checkbox plugin has no `sender`; a postback may have only `sender.user_ref`).
 * Refusing the delivery for one of those would make Meta retry the same body until it
 * gave up, losing the messages in it.
 */
export const metaEnvelopeSchema = z.object({
  object: z.literal('page'),
  entry: z
    .array(
      z.object({
        id: idString,
        time: z.number(),
        messaging: z.array(z.unknown()).optional(),
        changes: z.array(z.unknown()).optional(),
      }),
    )
    .max(1000),
});
export type MetaEnvelope = z.infer<typeof metaEnvelopeSchema>;

/**
 * The id of a button press that came without a mid. Consoles read a message id of at most
 * 200 characters, and a sender id alone may be that long (the time, as a string, has no
 * limit at all). A longer one was stored, and every console then refused the batches that
 * carried it; such a press is named by its hash instead.
 */
function postbackId(senderId: string, time: string | number): string {
  const plain = `postback:${senderId}:${String(time)}`;
  return plain.length <= 200 ? plain : `postback:${createHash('sha256').update(plain).digest('hex')}`;
}
/** The fields a message from a person needs; over-long text is cut to fit, not refused. */
const messageEventSchema = z.object({
  sender: z.object({ id: idString }),
  timestamp: platformTimeField,
  message: z.object({
    mid: idString,
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    attachments: z.array(z.unknown()).optional(),
  }),
});

/**
 * A button the person pressed in Messenger (a persistent-menu item such as "Report a
 * crime", Get Started, a button under our message): documented as `postback` with the
 * button's `title` and a `mid`. Only one from a person we can answer (a page-scoped
 * `sender.id`) becomes a message; one known only by `user_ref` cannot be answered.
 */
const postbackEventSchema = z.object({
  sender: z.object({ id: idString }),
  timestamp: platformTimeField,
  postback: z.object({
    mid: idString.optional(),
    title: z.string().optional(),
    payload: z.string().optional(),
  }),
});

/**
 * A person editing a message they sent the Page (Messenger's `message_edits` field): the new
 * text and how many times it has been edited. A threat added by an edit must reach the desk.
 */
const messageEditEventSchema = z.object({
  sender: z.object({ id: idString }),
  message_edit: z.object({ mid: idString, text: z.string(), num_edit: z.number().int().optional() }),
});

const changeSchema = z.object({ field: z.string(), value: z.unknown() });

const commentSchema = z.object({
  comment_id: idString,
  from: z.object({ id: idString, name: z.string().optional() }),
  message: z.string().optional(),
  /** Unix seconds. For a new comment, when it was made; an edit may carry it too. */
  created_time: platformTimeField,
});

const removedCommentSchema = z.object({ comment_id: idString });

/*
 * Meta sends a comment edit as the same feed change with `verb: "edited"` (and, for some
 * edits, `"edit"`: client libraries such as restfb handle both) carrying the new text.
 */
const EDIT_VERBS: ReadonlySet<unknown> = new Set(['edited', 'edit']);

const attachmentSchema = z.object({ type: z.string() });

export interface MetaDelivery {
  readonly events: InboundEvent[];
  readonly skipped: SkippedEvent[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ENVELOPE_KEYS = new Set(['sender', 'recipient', 'timestamp']);

/** `messaging/message`, `messaging/optin`, `messaging/postback`, … from the event's own key. */
function messagingKind(event: unknown): string {
  if (!isRecord(event)) return 'messaging/unknown';
  if ('message' in event) return 'messaging/message';
  return `messaging/${kindWord(Object.keys(event).find((key) => !ENVELOPE_KEYS.has(key)))}`;
}

const attachmentLabel = (attachments: readonly unknown[]): string =>
  `[${attachments
    .map((a) => {
      const parsed = attachmentSchema.safeParse(a);
      return parsed.success ? kindWord(parsed.data.type) : 'attachment';
    })
    .join(', ')}]`;

/**
 * Names one edit of a comment: the entry's time tells a later edit back to the same text
 * apart from an earlier one, and the text's hash tells apart two edits Meta reported in
 * the same second. `created_time` is not used: Meta may send the comment's own.
 */
const editReceiptKey = (commentId: string, entryTime: number, text: string): string =>
  `${commentId}#edited@${String(entryTime)}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

/**
 * The messages, comments and comment edits and removals from the public in one delivery,
 * in order, and the events left out (for the log). Echoes of the page's own messages and
 * the page's own comments are ours, not left out.
 */
export function readMetaDelivery(envelope: MetaEnvelope): MetaDelivery {
  const events: InboundEvent[] = [];
  const skipped: SkippedEvent[] = [];
  for (const entry of envelope.entry) {
    for (const raw of entry.messaging ?? []) {
      const kind = messagingKind(raw);
      if (kind === 'messaging/postback') {
        const postback = postbackEventSchema.safeParse(raw);
        if (!postback.success) {
          skipped.push({ kind, why: unreadable(postback.error) });
          continue;
        }
        const { sender, timestamp, postback: pressed } = postback.data;
        if (sender.id === entry.id) continue;
        const title = pressed.title?.trim() || pressed.payload?.trim() || 'a button';
        events.push({
          type: 'message',
          message: {
            platform: 'facebook',
            kind: 'dm',
            // Without a mid, the press is still one event: the sender and its time name it.
            platformMessageId: pressed.mid ?? postbackId(sender.id, timestamp ?? entry.time),
            senderId: sender.id,
            senderName: null,
            text: clip(`[Pressed: ${title}]`, MAX_MESSAGE_TEXT),
            accountId: entry.id,
            replyToId: null,
            sentAt: platformTime(timestamp, 'ms'),
          },
        });
        continue;
      }
      if (kind === 'messaging/message_edit') {
        const edited = messageEditEventSchema.safeParse(raw);
        if (!edited.success) {
          skipped.push({ kind, why: unreadable(edited.error) });
          continue;
        }
        const { sender, message_edit: change } = edited.data;
        if (sender.id === entry.id) continue;
        const text = clip(change.text, MAX_MESSAGE_TEXT);
        events.push({
          type: 'comment-edited',
          edit: {
            platform: 'facebook',
            kind: 'dm',
            commentId: change.mid,
            receiptKey: editReceiptKey(change.mid, entry.time, text),
            senderId: sender.id,
            senderName: null,
            text,
            accountId: entry.id,
            editOrder: change.num_edit ?? null,
          },
        });
        continue;
      }
      if (kind !== 'messaging/message') {
        skipped.push({ kind, why: 'not handled' });
        continue;
      }
      const parsed = messageEventSchema.safeParse(raw);
      if (!parsed.success) {
        skipped.push({ kind, why: unreadable(parsed.error) });
        continue;
      }
      const { sender, message, timestamp } = parsed.data;
      if (message.is_echo === true || sender.id === entry.id) continue;
      const text =
        message.text ??
        (message.attachments !== undefined && message.attachments.length > 0
          ? attachmentLabel(message.attachments)
          : '');
      events.push({
        type: 'message',
        message: {
          platform: 'facebook',
          kind: 'dm',
          platformMessageId: message.mid,
          senderId: sender.id,
          senderName: null,
          text: clip(text, MAX_MESSAGE_TEXT),
          accountId: entry.id,
          replyToId: null,
          sentAt: platformTime(timestamp, 'ms'),
        },
      });
    }
    for (const raw of entry.changes ?? []) {
      const change = changeSchema.safeParse(raw);
      if (!change.success) {
        skipped.push({ kind: 'changes/unknown', why: unreadable(change.error) });
        continue;
      }
      const { field, value } = change.data;
      if (field !== 'feed') {
        skipped.push({ kind: kindWord(field), why: 'not handled' });
        continue;
      }
      const item = isRecord(value) ? value.item : undefined;
      const verb = isRecord(value) ? value.verb : undefined;
      const kind = `feed/${kindWord(item)}/${kindWord(verb)}`;
      if (item === 'comment' && verb === 'remove') {
        const removed = removedCommentSchema.safeParse(value);
        if (removed.success) {
          events.push({
            type: 'comment-removed',
            removal: { platform: 'facebook', commentId: removed.data.comment_id },
          });
        } else {
          skipped.push({ kind, why: unreadable(removed.error) });
        }
        continue;
      }
      if (item !== 'comment' || (verb !== 'add' && !EDIT_VERBS.has(verb))) {
        skipped.push({ kind, why: 'not handled' });
        continue;
      }
      const comment = commentSchema.safeParse(value);
      if (!comment.success) {
        skipped.push({ kind, why: unreadable(comment.error) });
        continue;
      }
      const c = comment.data;
      if (c.from.id === entry.id) continue;
      const senderName = c.from.name === undefined ? null : clip(c.from.name, MAX_CONTACT_NAME);
      const text = clip(c.message ?? '', MAX_MESSAGE_TEXT);
      if (verb === 'add') {
        events.push({
          type: 'message',
          message: {
            platform: 'facebook',
            kind: 'comment',
            platformMessageId: c.comment_id,
            senderId: c.from.id,
            senderName,
            text,
            accountId: entry.id,
            replyToId: c.comment_id,
            sentAt: platformTime(c.created_time, 's'),
          },
        });
      } else {
        events.push({
          type: 'comment-edited',
          edit: {
            platform: 'facebook',
            commentId: c.comment_id,
            receiptKey: editReceiptKey(c.comment_id, entry.time, text),
            senderId: c.from.id,
            senderName,
            text,
            accountId: entry.id,
            editOrder: entry.time,
          },
        });
      }
    }
  }
  return { events, skipped };
}
