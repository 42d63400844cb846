import type { Migration } from './types';

/** Cache tables for the broadcasts work. Reserved now so parallel work keeps versions contiguous. */
export const migration004: Migration = {
  version: 4,
  name: 'broadcasts',
  up() {
    // Filled in by the broadcasts work; an empty step still moves user_version on.
  },
};
