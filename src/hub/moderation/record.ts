import type { BlockedAccount, CommentModeration } from '../../shared/protocol/entities-moderation';
import { appendChange } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { saveBlockedAccount, saveCommentModeration } from '../db/moderation';

/*
 * Whole-row writes plus their change-log entry, in the caller's transaction (as record.ts
 * does for the core entities), so consoles always see what the table holds.
 */

export function putCommentModeration(
  db: HubDb,
  at: number,
  moderation: CommentModeration,
  confidential: boolean,
): number {
  saveCommentModeration(db, moderation);
  return appendChange(db, { entity: 'comment-moderation', data: moderation }, at, { confidential });
}

export function putBlockedAccount(db: HubDb, at: number, blocked: BlockedAccount): number {
  saveBlockedAccount(db, blocked);
  return appendChange(db, { entity: 'blocked-account', data: blocked }, at);
}
