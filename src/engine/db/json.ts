import type { z } from 'zod';

export class CorruptRowError extends Error {
  constructor(table: string, detail: string) {
    super(`A row in the console cache table ${table} is damaged: ${detail}`);
    this.name = 'CorruptRowError';
  }
}

/** Parses a JSON column read back from disk against the entity's schema. */
export function parseJsonColumn<S extends z.ZodType>(table: string, schema: S, text: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptRowError(table, 'not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptRowError(table, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}
