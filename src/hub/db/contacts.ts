import { z } from 'zod';
import { contactSchema, type Contact, type Platform } from '../../shared/domain';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  platform: z.string(),
  platform_user_id: z.string(),
  display_name: z.string(),
  language: z.string(),
});

const toContact = (row: unknown): Contact => {
  const r = rowSchema.parse(row);
  return contactSchema.parse({
    id: r.id,
    platform: r.platform,
    platformUserId: r.platform_user_id,
    displayName: r.display_name,
    language: r.language,
  });
};

export function findContact(db: HubDb, platform: Platform, platformUserId: string): Contact | null {
  const row: unknown = db
    .prepare('SELECT * FROM contacts WHERE platform = ? AND platform_user_id = ?')
    .get(platform, platformUserId);
  return row === undefined ? null : toContact(row);
}

export function getContact(db: HubDb, id: string): Contact | null {
  const row: unknown = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id);
  return row === undefined ? null : toContact(row);
}

export function saveContact(db: HubDb, contact: Contact): void {
  db.prepare(
    `INSERT INTO contacts (id, platform, platform_user_id, display_name, language)
     VALUES (@id, @platform, @platformUserId, @displayName, @language)
     ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, language = excluded.language`,
  ).run(contact);
}

export function listContacts(db: HubDb, afterId = '', limit = 1_000_000): Contact[] {
  return db
    .prepare('SELECT * FROM contacts WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map(toContact);
}

/**
 * Contacts among `ids` with at least one confidential conversation: their names are withheld
 * from staff not cleared for confidential work (the person who reported a sexual offence is
 * the most sensitive part of the report).
 */
export function confidentialContactIds(db: HubDb, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = db
    .prepare(
      `SELECT DISTINCT contact_id FROM conversations
       WHERE contact_id IN (SELECT value FROM json_each(?)) AND confidential = 1`,
    )
    .pluck()
    .all(JSON.stringify(ids));
  return new Set(z.array(z.string()).parse(rows));
}

export const isConfidentialContact = (db: HubDb, id: string): boolean =>
  confidentialContactIds(db, [id]).size > 0;
