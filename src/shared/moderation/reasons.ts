import { z } from 'zod';
import type { Breach } from '../triage/breaches';

/**
 * The force's posting guidelines, one reason per ground for acting on a public comment.
 * Every moderation action carries one, so the audit says why as well as what.
 */
export const moderationReasonSchema = z.enum([
  'abusive',
  'defamatory',
  'hateful',
  'racially-offensive',
  'sexually-offensive',
  'obscene',
  'inflammatory',
  'unlawful',
  'spam',
  'personal-details',
  'copyright',
  'impersonation',
]);
export type ModerationReason = z.infer<typeof moderationReasonSchema>;
export const MODERATION_REASONS: readonly ModerationReason[] = moderationReasonSchema.options;

/** English labels for audit exports and logs; the console has its own EN/CY strings. */
export const moderationReasonLabels: Readonly<Record<ModerationReason, string>> = {
  abusive: 'Abusive',
  defamatory: 'Defamatory',
  hateful: 'Hateful',
  'racially-offensive': 'Racially offensive',
  'sexually-offensive': 'Sexually offensive',
  obscene: 'Obscene or profane',
  inflammatory: 'Inflammatory',
  unlawful: 'Unlawful',
  spam: 'Spam or adverts',
  'personal-details': 'Personal details posted publicly',
  copyright: 'Copyright',
  impersonation: 'Impersonation',
};

/** Triage names five breaches; each maps onto the guideline it breaks. */
export const reasonForBreach: Readonly<Record<Breach, ModerationReason>> = {
  abusive: 'abusive',
  hateful: 'hateful',
  obscene: 'obscene',
  spam: 'spam',
  impersonation: 'impersonation',
};

/**
 * What an operator can do to one public comment. `reply` and `ask-private` answer it in
 * public; `dismiss` marks a flagged comment reviewed and leaves it as it is.
 */
export const moderationActionSchema = z.enum([
  'hide',
  'unhide',
  'delete',
  'reply',
  'ask-private',
  'block',
  'dismiss',
]);
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/** Only leads and admins may block an account: it cuts a member of the public off the page. */
export const LEAD_ONLY_ACTIONS: ReadonlySet<ModerationAction> = new Set<ModerationAction>(['block']);
