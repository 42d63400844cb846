import { isLead, type Operator } from '../../shared/domain';
import type { Operation } from '../../shared/protocol';
import { parseSlaPolicies } from '../../shared/sla';
import { appendAudit } from '../db/audit';
import type { HubContext } from '../context';
import { getOperator } from '../db/operators';
import { getSlaPolicies } from '../db/sla';
import { applySlaPolicies } from '../sla/apply-policies';
import { ACCEPTED, rejected, type OpOutcome } from './outcome';

/**
 * A lead or admin replaces the SLA policies. They are validated again with the core's
 * parser (the socket edge already did, but the audit must record why a change was refused),
 * and the old and new policies go into the audit log. A change based on targets someone
 * has replaced since is refused rather than applied over theirs.
 */
export function setSlaPolicy(
  ctx: HubContext,
  actor: Operator,
  op: Extract<Operation, { type: 'set-sla-policy' }>,
  now: number,
): OpOutcome {
  if (!isLead(actor)) {
    return rejected('forbidden', 'Only shift leads and admins can change SLA policies.');
  }
  const { opId, policies, basedOn } = op;
  const parsed = parseSlaPolicies(policies);
  if (!parsed.ok) return rejected('invalid', parsed.error.slice(0, 2000));
  const stored = getSlaPolicies(ctx.db);
  if (basedOn !== undefined && stored !== null && stored.updatedAt !== basedOn) {
    return rejected('conflict', replacedSince(ctx, stored));
  }
  // updatedAt is what the next edit is based on, so two changes in one millisecond must differ.
  const at = Math.max(now, (stored?.updatedAt ?? 0) + 1);
  // The file's hash stays: a restart re-imports the file only if someone edits it.
  const recomputed = applySlaPolicies(ctx.db, at, policies, actor.id, stored?.sourceHash ?? null);
  appendAudit(ctx.db, {
    at: now,
    actorId: actor.id,
    action: 'sla.policies-changed',
    subjectId: null,
    detail: { opId, policies, recomputedConversations: recomputed },
  });
  return ACCEPTED;
}

function replacedSince(ctx: HubContext, stored: { updatedAt: number; updatedBy: string | null }): string {
  const by =
    stored.updatedBy === null
      ? 'the policy file'
      : (getOperator(ctx.db, stored.updatedBy)?.name ?? stored.updatedBy);
  const when = new Date(stored.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
  return `The response targets were changed by ${by} at ${when} UTC after you opened them, so your change was not applied. Check their change, then save yours again over it.`;
}
