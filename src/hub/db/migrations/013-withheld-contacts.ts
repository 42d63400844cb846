import type { Migration } from './types';

/**
 * The names of people with a confidential conversation are withheld from uncleared staff
 * (the contact rows of the change log are flagged `confidential`). This finds a contact's
 * rows by an index of contact rows alone (a partial index: no other change pays for it),
 * and brings a log written before the rule under it: the contact rows of everyone who
 * already has a confidential conversation are flagged, and each such contact is logged
 * once more, flagged, so consoles that already hold the name replace it.
 */
export const migration013WithheldContacts: Migration = {
  version: 13,
  name: 'withheld-contacts',
  up: (db) => {
    db.exec(`
      CREATE INDEX change_log_contacts ON change_log (entity_id) WHERE entity = 'contact';

      CREATE TEMP TABLE withheld AS
        SELECT DISTINCT contact_id AS id FROM conversations WHERE confidential = 1;

      UPDATE change_log SET confidential = 1
        WHERE entity = 'contact' AND confidential = 0 AND entity_id IN (SELECT id FROM withheld);

      INSERT INTO change_log (at, entity, entity_id, audience, confidential, json)
        SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), 'contact', c.id, NULL, 1,
          json_object('entity', 'contact', 'data', json_object(
            'id', c.id, 'platform', c.platform, 'platformUserId', c.platform_user_id,
            'displayName', c.display_name, 'language', c.language))
        FROM contacts c JOIN withheld w ON w.id = c.id
        ORDER BY c.id;

      DROP TABLE withheld;
    `);
  },
};
