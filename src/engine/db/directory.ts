import {
  contactSchema,
  operatorSchema,
  queueSchema,
  type Contact,
  type Operator,
  type Queue,
} from '../../shared/domain/entities';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

// Queues, operators and contacts: small reference data stored as whole hub rows.

export function putQueue(db: CacheDb, queue: Queue): void {
  db.prepare(
    'INSERT INTO queues (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(queue.id, JSON.stringify(queue));
}

export function listQueues(db: CacheDb): Queue[] {
  const rows = db.prepare('SELECT data FROM queues ORDER BY id').all() as { data: string }[];
  return rows
    .map((r) => parseJsonColumn('queues', queueSchema, r.data))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function putOperator(db: CacheDb, operator: Operator): void {
  db.prepare(
    'INSERT INTO operators (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(operator.id, JSON.stringify(operator));
}

export function listOperators(db: CacheDb): Operator[] {
  const rows = db.prepare('SELECT data FROM operators').all() as { data: string }[];
  return rows
    .map((r) => parseJsonColumn('operators', operatorSchema, r.data))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function getOperator(db: CacheDb, id: string): Operator | null {
  const row = db.prepare('SELECT data FROM operators WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? parseJsonColumn('operators', operatorSchema, row.data) : null;
}

/** Names by id, for labelling rows without parsing every operator per row. */
export function operatorNames(db: CacheDb): Map<string, string> {
  return new Map(listOperators(db).map((o) => [o.id, o.name]));
}

export function putContact(db: CacheDb, contact: Contact): void {
  db.prepare(
    'INSERT INTO contacts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(contact.id, JSON.stringify(contact));
}

export function getContact(db: CacheDb, id: string): Contact | null {
  const row = db.prepare('SELECT data FROM contacts WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? parseJsonColumn('contacts', contactSchema, row.data) : null;
}

export function getContacts(db: CacheDb, ids: readonly string[]): Map<string, Contact> {
  const stmt = db.prepare('SELECT data FROM contacts WHERE id = ?');
  const out = new Map<string, Contact>();
  for (const id of new Set(ids)) {
    const row = stmt.get(id) as { data: string } | undefined;
    if (row) out.set(id, parseJsonColumn('contacts', contactSchema, row.data));
  }
  return out;
}
