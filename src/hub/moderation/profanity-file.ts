import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PROFANITY, type ProfanityLists } from '../../shared/triage/word-lists';

/** The desk's own word lists live next to the database: `<data dir>/profanity.json`. */
export const PROFANITY_FILE = 'profanity.json';

const entrySchema = z.string().trim().min(1).max(100);
export const profanityFileSchema = z
  .object({
    /** Replaces the built-in English list when present. */
    en: z.array(entrySchema).max(5000).optional(),
    /** Replaces the built-in Welsh list when present. */
    cy: z.array(entrySchema).max(5000).optional(),
  })
  .strict();

export interface ProfanitySource {
  /** The lists in force now; re-read when the file changes, so edits apply without a restart. */
  readonly current: () => ProfanityLists;
  /** Why the file was not used, if it was not (shown in the hub log once per change). */
  readonly problem: () => string | null;
}

function parse(text: string): ProfanityLists {
  const json: unknown = JSON.parse(text);
  const parsed = profanityFileSchema.parse(json);
  return { en: parsed.en ?? DEFAULT_PROFANITY.en, cy: parsed.cy ?? DEFAULT_PROFANITY.cy };
}

/**
 * Reads the editable profanity lists from the hub's data directory. No file means the
 * built-in lists; a broken file keeps the last good lists (built-in at first) and says why,
 * so a typo never switches the auto-hide off.
 */
export function createProfanitySource(dataDir: string, log: (line: string) => void): ProfanitySource {
  const path = join(dataDir, PROFANITY_FILE);
  let lists: ProfanityLists = DEFAULT_PROFANITY;
  let seen: string | null = null;
  let problem: string | null = null;
  return {
    current() {
      // Asked for every inbound comment: no exception (and its stack) for the usual no-file case.
      let stamp: string;
      try {
        const stat = statSync(path, { throwIfNoEntry: false });
        stamp = stat === undefined ? 'absent' : `${stat.mtimeMs}:${stat.size}`;
      } catch {
        stamp = 'absent';
      }
      if (stamp === seen) return lists;
      seen = stamp;
      if (stamp === 'absent') {
        lists = DEFAULT_PROFANITY;
        problem = null;
        return lists;
      }
      try {
        lists = parse(readFileSync(path, 'utf8'));
        problem = null;
        log(
          `[moderation] profanity lists loaded from ${path} (${lists.en.length} en, ${lists.cy.length} cy)`,
        );
      } catch (error) {
        problem = `${path}: ${error instanceof Error ? error.message : String(error)}`;
        log(`[moderation] profanity file ignored, keeping the previous lists: ${problem}`);
      }
      return lists;
    },
    problem: () => problem,
  };
}
