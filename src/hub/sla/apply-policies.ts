import type { SlaPoliciesFile } from '../../shared/sla';
import type { HubDb } from '../db/connection';
import { getConversation } from '../db/conversations';
import { unresolvedConversationIds, uncomputedSlaConversations } from '../db/sla';
import { putConversation } from '../record';
import { reevaluateSla } from './conversation-sla';
import { storePolicies } from './policies';

/**
 * Puts new policies in force in the caller's transaction: stores and logs them, then
 * recomputes every unresolved conversation so due times and states follow the new targets.
 * Resolved conversations keep the outcomes measured under the targets of their day.
 */
export function applySlaPolicies(
  db: HubDb,
  at: number,
  file: SlaPoliciesFile,
  updatedBy: string | null,
  sourceHash: string | null,
): number {
  storePolicies(db, at, file, updatedBy, sourceHash);
  let changed = 0;
  for (const id of unresolvedConversationIds(db)) {
    const conversation = getConversation(db, id);
    if (conversation === null) continue;
    putConversation(db, at, conversation);
    changed += 1;
  }
  return changed;
}

/** Computes conversations that have a timeline but no state yet (rebuilt by migration 004). */
export function computeMissingSla(db: HubDb, at: number): number {
  let done = 0;
  for (;;) {
    const ids = uncomputedSlaConversations(db);
    if (ids.length === 0) return done;
    for (const id of ids) {
      const conversation = getConversation(db, id);
      if (conversation !== null && conversation.status !== 'resolved') putConversation(db, at, conversation);
      else reevaluateSla(db, at, id);
      done += 1;
    }
  }
}
