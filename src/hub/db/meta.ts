import { z } from 'zod';
import type { HubDb } from './connection';

const rowSchema = z.object({ value: z.string() });

export function getMeta(db: HubDb, key: string): string | null {
  const row: unknown = db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
  return row === undefined ? null : rowSchema.parse(row).value;
}

export function setMeta(db: HubDb, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
