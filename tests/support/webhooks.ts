import { metaSignature, xSignature } from '../../src/hub/webhooks/signatures';

/** Test payloads in the platforms' documented webhook shapes. */

export const PAGE_ID = 'PAGE1';
export const T_WEBHOOK = 1_700_000_000_000;

export interface MetaDm {
  readonly senderId: string;
  readonly mid: string;
  readonly text: string;
}

/** A Meta Messenger delivery: one page entry per message. */
export function metaDmBody(
  messages: readonly MetaDm[],
  { pageId = PAGE_ID, time = T_WEBHOOK }: { pageId?: string; time?: number } = {},
): string {
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

/** A Page feed change: a new public comment under the Page's post. */
export function metaCommentBody(args: {
  fromId: string;
  fromName?: string;
  commentId: string;
  text: string;
  /** Unix seconds, as Meta sends them for feed changes. */
  time?: number;
}): string {
  const time = args.time ?? T_WEBHOOK / 1000;
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: PAGE_ID,
        time,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'comment',
              verb: 'add',
              comment_id: args.commentId,
              post_id: `${PAGE_ID}_POST1`,
              from: { id: args.fromId, name: args.fromName ?? 'Member of Public' },
              message: args.text,
              created_time: time,
            },
          },
        ],
      },
    ],
  });
}

/** An X Account Activity DM event. */
export function xDmBody(args: { senderId: string; id: string; text: string }): string {
  return JSON.stringify({
    for_user_id: 'FORCE_X',
    direct_message_events: [
      {
        type: 'message_create',
        id: args.id,
        created_timestamp: String(T_WEBHOOK),
        message_create: {
          target: { recipient_id: 'FORCE_X' },
          sender_id: args.senderId,
          message_data: { text: args.text },
        },
      },
    ],
    users: { [args.senderId]: { id: args.senderId, name: 'X Person', screen_name: 'xperson' } },
  });
}

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
