import type { Migration } from './types';

/** Tables for public-comment moderation and blocked accounts (issue 8). Reserved now so parallel work keeps versions contiguous. */
export const migration006Moderation: Migration = {
  version: 6,
  name: 'moderation',
  up: () => {
    // Filled in by the moderation work; an empty step still moves user_version on.
  },
};
