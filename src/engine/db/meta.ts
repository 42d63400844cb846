import { z } from 'zod';
import { visibilityKey } from '../../shared/domain/clearance';
import { epochMsSchema, operatorSchema, type Operator } from '../../shared/domain/entities';
import { seqSchema } from '../../shared/protocol/changes';
import type { CacheDb } from './handle';

/** Every meta key with the schema its JSON value must satisfy when read back. */
export const metaSchemas = {
  consoleId: z.uuid(),
  lastSeq: seqSchema,
  /** The next consoleSeq to hand out; never reused, even after the outbox empties. */
  nextConsoleSeq: z.number().int().min(1),
  hubUrl: z.string().min(1),
  token: z.string().min(1),
  tokenExpiresAt: epochMsSchema,
  operator: operatorSchema,
  clockOffsetMs: z.number(),
  lastSyncAt: epochMsSchema,
  /**
   * Whose view the cached rows are: a different hub or operator, or the same operator with
   * other rights (`visibilityKey`: cleared or not, lead or not), starts from an empty cache.
   * Caches from before `rights` was kept start again once.
   */
  cacheOwner: z.object({ hubUrl: z.string(), operatorId: z.string(), rights: z.string().optional() }),
};
export type MetaKey = keyof typeof metaSchemas;
export type MetaValue<K extends MetaKey> = z.infer<(typeof metaSchemas)[K]>;

/** The `cacheOwner` of a cache filled for this operator, with these rights, from this hub. */
export const cacheOwnerOf = (hubUrl: string, operator: Operator): MetaValue<'cacheOwner'> => ({
  hubUrl,
  operatorId: operator.id,
  rights: visibilityKey(operator),
});

/** A stored value that fails its schema reads as absent: a damaged row must not crash startup. */
export function getMeta<K extends MetaKey>(db: CacheDb, key: K): MetaValue<K> | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return null;
  }
  const parsed = metaSchemas[key].safeParse(json);
  return parsed.success ? (parsed.data as MetaValue<K>) : null;
}

export function setMeta<K extends MetaKey>(db: CacheDb, key: K, value: MetaValue<K>): void {
  const checked = metaSchemas[key].parse(value);
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(checked));
}

export function deleteMeta(db: CacheDb, key: MetaKey): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(key);
}
