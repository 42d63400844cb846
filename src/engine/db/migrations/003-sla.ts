import type { Migration } from './types';

/** Cache tables for the sla work. Reserved now so parallel work keeps versions contiguous. */
export const migration003: Migration = {
  version: 3,
  name: 'sla',
  up() {
    // Filled in by the sla work; an empty step still moves user_version on.
  },
};
