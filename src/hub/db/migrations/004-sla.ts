import type { Migration } from './types';

/** Tables for SLA policies, clock state and outcomes (issue 6). Reserved now so parallel work keeps versions contiguous. */
export const migration004Sla: Migration = {
  version: 4,
  name: 'sla',
  up: () => {
    // Filled in by the sla work; an empty step still moves user_version on.
  },
};
