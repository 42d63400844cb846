import {
  metaCommentPayload,
  metaDmPayload,
  xDmPayload,
  type MetaDmEvent,
} from '../../src/hub/webhooks/payloads';
import { metaSignature, xSignature } from '../../src/hub/webhooks/signatures';

/** Test payloads in the platforms' documented webhook shapes. */

export const PAGE_ID = 'PAGE1';
export const T_WEBHOOK = 1_700_000_000_000;

export type MetaDm = MetaDmEvent;

/** A Meta Messenger delivery: one page entry per message. */
export const metaDmBody = (
  messages: readonly MetaDm[],
  { pageId = PAGE_ID, time = T_WEBHOOK }: { pageId?: string; time?: number } = {},
): string => metaDmPayload(pageId, time, messages);

/**
 * A Messenger delivery of events written out as Meta documents them (opt-ins, postbacks,
 * edits, or messages in shapes `metaDmBody` does not make), in one page entry.
 */
export const metaMessagingBody = (
  events: readonly unknown[],
  { pageId = PAGE_ID, time = T_WEBHOOK }: { pageId?: string; time?: number } = {},
): string => JSON.stringify({ object: 'page', entry: [{ id: pageId, time, messaging: events }] });

/** A Page feed change: a new public comment under the Page's post, or its edit or removal. */
export function metaCommentBody(args: {
  fromId: string;
  fromName?: string;
  commentId: string;
  text: string;
  /** Unix seconds, as Meta sends them for feed changes. */
  time?: number;
  verb?: 'add' | 'edited' | 'remove';
}): string {
  const time = args.time ?? T_WEBHOOK / 1000;
  return metaCommentPayload(PAGE_ID, time, {
    commentId: args.commentId,
    postId: `${PAGE_ID}_POST1`,
    fromId: args.fromId,
    fromName: args.fromName ?? 'Member of Public',
    text: args.text,
    createdTime: time,
    verb: args.verb,
  });
}

/** An X Account Activity DM event. */
export const xDmBody = (args: { senderId: string; id: string; text: string }): string =>
  xDmPayload('FORCE_X', {
    id: args.id,
    createdAt: T_WEBHOOK,
    senderId: args.senderId,
    senderName: 'X Person',
    senderScreenName: 'xperson',
    text: args.text,
  });

async function postWebhook(
  url: string,
  body: string,
  signatureHeader: string,
  signature: string | null,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { [signatureHeader]: signature }),
    },
    body,
  });
}

/** POSTs to the hub's Meta webhook; a null signature sends none. */
export const postMetaWebhook = (hubUrl: string, body: string, signature: string | null): Promise<Response> =>
  postWebhook(`${hubUrl}/webhooks/meta`, body, 'x-hub-signature-256', signature);

export const postXWebhook = (hubUrl: string, body: string, signature: string | null): Promise<Response> =>
  postWebhook(`${hubUrl}/webhooks/x`, body, 'x-twitter-webhooks-signature', signature);

/** POSTs a correctly signed Meta delivery and returns the status. */
export async function postSignedMeta(hubUrl: string, body: string, secret: string): Promise<number> {
  const response = await postMetaWebhook(hubUrl, body, metaSignature(secret, body));
  await response.arrayBuffer();
  return response.status;
}

export { metaSignature, xSignature };
