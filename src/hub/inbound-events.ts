import type { HubContext } from './context';
import {
  ingestCommentEdit,
  ingestCommentRemoval,
  type InboundCommentEdit,
  type InboundCommentRemoval,
} from './comment-changes';
import { ingestInbound, type InboundMessage, type IngestResult } from './ingest';

/** One thing a platform told the desk, in the order its delivery listed it. */
export type InboundEvent =
  | { readonly type: 'message'; readonly message: InboundMessage }
  | { readonly type: 'comment-edited'; readonly edit: InboundCommentEdit }
  | { readonly type: 'comment-removed'; readonly removal: InboundCommentRemoval };

export function ingestEvent(ctx: HubContext, event: InboundEvent): IngestResult {
  switch (event.type) {
    case 'message':
      return ingestInbound(ctx, event.message);
    case 'comment-edited':
      return ingestCommentEdit(ctx, event.edit);
    case 'comment-removed':
      return ingestCommentRemoval(ctx, event.removal);
  }
}
