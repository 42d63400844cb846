import type { RejectionCode } from '../../shared/protocol';

/**
 * What deciding one console operation comes to, for every kind of operation alike:
 * `applyOperation` turns it into the ack, and audits it.
 */
export type OpOutcome =
  | { readonly kind: 'accepted'; readonly notice?: string }
  | { readonly kind: 'rejected'; readonly code: RejectionCode; readonly reason: string };

/** Accepted with nothing to tell its author. */
export const ACCEPTED: OpOutcome = { kind: 'accepted' };

/** Accepted, with a notice for its author (a reply kept as a note, say). */
export const accepted = (notice?: string): OpOutcome =>
  notice === undefined ? ACCEPTED : { kind: 'accepted', notice };

export const rejected = (code: RejectionCode, reason: string): OpOutcome => ({
  kind: 'rejected',
  code,
  reason,
});
