import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  categorySchema,
  conversationKindSchema,
  languageSchema,
  platformSchema,
} from '../../../../src/shared/domain/enums';
import { breachSchema, personalDetailKindSchema } from '../../../../src/shared/triage';

/** One labelled line of the triage corpus, parsed with zod like any file read from disk. */
export const corpusLineSchema = z.object({
  text: z.string().min(1),
  platform: platformSchema,
  kind: conversationKindSchema,
  nearMiss: z.boolean().optional(),
  expected: z.object({
    language: languageSchema,
    category: categorySchema,
    emergency: z.boolean(),
    personalDetails: z.array(personalDetailKindSchema).optional(),
    breaches: z.array(breachSchema).optional(),
  }),
});
export type CorpusLine = z.infer<typeof corpusLineSchema>;

export const corpusPath = fileURLToPath(new URL('../../../fixtures/triage/corpus.jsonl', import.meta.url));
export const holdoutPath = fileURLToPath(new URL('../../../fixtures/triage/holdout.jsonl', import.meta.url));

export function loadCorpus(path: string): CorpusLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = corpusLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** Order-insensitive comparison of two label lists. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
}
