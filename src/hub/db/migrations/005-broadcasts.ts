import type { Migration } from './types';

/** Tables for incident broadcasts and desk alerts (issue 7). Reserved now so parallel work keeps versions contiguous. */
export const migration005Broadcasts: Migration = {
  version: 5,
  name: 'broadcasts',
  up: () => {
    // Filled in by the broadcasts work; an empty step still moves user_version on.
  },
};
