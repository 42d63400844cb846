import { isLead, type Operator } from '../../shared/domain';
import type { RejectionCode } from '../../shared/protocol';
import { parseSlaPolicies, type SlaPoliciesFile } from '../../shared/sla';
import { appendAudit } from '../db/audit';
import type { HubContext } from '../context';
import { getSlaPolicies } from '../db/sla';
import { applySlaPolicies } from '../sla/apply-policies';

export type SlaOpOutcome =
  | { readonly kind: 'accepted'; readonly notice?: string }
  | { readonly kind: 'rejected'; readonly code: RejectionCode; readonly reason: string };

/**
 * A lead or admin replaces the SLA policies. They are validated again with the core's
 * parser (the socket edge already did, but the audit must record why a change was refused),
 * and the old and new policies go into the audit log.
 */
export function setSlaPolicy(
  ctx: HubContext,
  actor: Operator,
  opId: string,
  policies: SlaPoliciesFile,
  now: number,
): SlaOpOutcome {
  if (!isLead(actor)) {
    return {
      kind: 'rejected',
      code: 'forbidden',
      reason: 'Only shift leads and admins can change SLA policies.',
    };
  }
  const parsed = parseSlaPolicies(policies);
  if (!parsed.ok) return { kind: 'rejected', code: 'invalid', reason: parsed.error.slice(0, 2000) };
  // The file's hash stays: a restart re-imports the file only if someone edits it.
  const sourceHash = getSlaPolicies(ctx.db)?.sourceHash ?? null;
  const recomputed = applySlaPolicies(ctx.db, now, policies, actor.id, sourceHash);
  appendAudit(ctx.db, {
    at: now,
    actorId: actor.id,
    action: 'sla.policies-changed',
    subjectId: null,
    detail: { opId, policies, recomputedConversations: recomputed },
  });
  return { kind: 'accepted' };
}
