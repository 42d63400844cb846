import type { Migration } from './types';

/** Cache tables for the leads work. Reserved now so parallel work keeps versions contiguous. */
export const migration002: Migration = {
  version: 2,
  name: 'leads',
  up() {
    // Filled in by the leads work; an empty step still moves user_version on.
  },
};
