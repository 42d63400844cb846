import type { Migration } from './types';

/** Cache tables for the moderation work. Reserved now so parallel work keeps versions contiguous. */
export const migration005: Migration = {
  version: 5,
  name: 'moderation',
  up() {
    // Filled in by the moderation work; an empty step still moves user_version on.
  },
};
