import type { Migration } from './types';

/** Tables for shift roster and workload (issue 5). Reserved now so parallel work keeps versions contiguous. */
export const migration003Leads: Migration = {
  version: 3,
  name: 'leads',
  up: () => {
    // Filled in by the leads work; an empty step still moves user_version on.
  },
};
