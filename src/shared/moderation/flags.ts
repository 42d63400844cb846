import { suggestCanned, type CannedId } from '../canned/responses';
import type { TriageResult } from '../triage/schemas';
import { reasonForBreach, type ModerationReason } from './reasons';

/** Why a comment was put in front of a person. */
export type ModerationFlag =
  'profanity' | 'hateful' | 'abusive' | 'spam' | 'impersonation' | 'personal-details' | 'crime-in-comment';

export interface CommentAssessment {
  /** Hide at once, before anyone looks: profanity and hate must not stay up on the page. */
  readonly autoHide: boolean;
  readonly flags: readonly ModerationFlag[];
  /** The guideline reason to preselect when a person acts on it. */
  readonly suggestedReason: ModerationReason | null;
  /** The canned public reply to offer, in the commenter's language at send time. */
  readonly suggestedCanned: CannedId | null;
}

const AUTO_HIDE = new Set<string>(['obscene', 'hateful']);

/**
 * Decides what moderation a triaged public comment needs. Pure, so the hub (which acts)
 * and any console (which explains) agree.
 */
export function assessComment(result: TriageResult): CommentAssessment {
  const flags: ModerationFlag[] = [];
  for (const breach of result.breaches) flags.push(breach === 'obscene' ? 'profanity' : breach);
  if (result.personalDetails.length > 0) flags.push('personal-details');
  const canned = suggestCanned({
    kind: 'comment',
    category: result.category,
    emergency: result.emergency,
    personalDetails: result.personalDetails,
  });
  if (canned === 'crime-in-comment') flags.push('crime-in-comment');
  const autoHide = result.breaches.some((b) => AUTO_HIDE.has(b));
  const firstBreach = result.breaches.find((b) => AUTO_HIDE.has(b)) ?? result.breaches[0];
  const suggestedReason: ModerationReason | null =
    firstBreach !== undefined
      ? reasonForBreach[firstBreach]
      : result.personalDetails.length > 0
        ? 'personal-details'
        : null;
  return { autoHide, flags, suggestedReason, suggestedCanned: canned };
}
