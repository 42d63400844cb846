import type { Migration } from './types';

/**
 * `sending_since` marks a reply whose platform call is in flight. It is written and
 * committed before the call and cleared with its outcome, so a hub that was killed in
 * between finds the mark at its next start: the reply may or may not have reached the
 * public, and sending it again could post it twice. Before, the row was still `pending`
 * and went out again.
 */
export const migration007DeliveryInFlight: Migration = {
  version: 7,
  name: 'delivery-in-flight',
  up: (db) => {
    db.exec(`ALTER TABLE deliveries ADD COLUMN sending_since INTEGER;`);
  },
};
