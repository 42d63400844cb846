import type { CacheDb } from './handle';

/** At most this many typed words take part in a search. */
const MAX_WORDS = 12;

/**
 * A typed word that is the start of more indexed words than this is left to FTS5's own
 * prefix search: a long OR would cost more than the merge it avoids.
 */
export const MAX_PREFIX_TERMS = 64;

/**
 * Per-connection helpers, in the temp schema so nothing is written to the cache file:
 * `search_tokens` runs the typed text through the same tokenizer as `messages_search` (so
 * folding "Ŵyn" to "wyn" is exactly SQLite's, not an approximation of it), and
 * `messages_search_terms` lists the indexed words in order, which lets a prefix be expanded by
 * seeking instead of scanning. Checked for on every search, because SQLite drops the temp
 * schema whenever temp_store is switched (withTempStoreOnDisk, when a cache is emptied).
 */
function prepareSearch(db: CacheDb): void {
  const present = db
    .prepare(
      "SELECT count(*) FROM temp.sqlite_master WHERE name IN ('search_tokens', 'search_tokens_terms', 'messages_search_terms')",
    )
    .pluck()
    .get();
  if (present === 3) return;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokens USING fts5(
      text, content='', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokens_terms USING fts5vocab(temp, search_tokens, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_search_terms USING fts5vocab(main, messages_search, instance);
  `);
}

/** The distinct index terms (case- and diacritic-folded) the typed words tokenize to. */
function typedTerms(db: CacheDb, words: readonly string[]): string[] {
  // Cleared before as well as after, so words left by a failure half-way never leak in.
  const clear = db.prepare("INSERT INTO temp.search_tokens (search_tokens) VALUES ('delete-all')");
  clear.run();
  try {
    db.prepare('INSERT INTO temp.search_tokens (rowid, text) VALUES (1, ?)').run(words.join(' '));
    return db.prepare('SELECT DISTINCT term FROM temp.search_tokens_terms').pluck().all() as string[];
  } finally {
    clear.run();
  }
}

/**
 * Every indexed word starting with `prefix`, or null when there are more than
 * MAX_PREFIX_TERMS. Each step seeks just past the previous word ("word" + NUL sorts after
 * "word" and before any longer word), so a step costs one seek whatever the word's
 * frequency; `term > word` would walk every occurrence of the word instead.
 */
function expandPrefix(db: CacheDb, prefix: string): string[] | null {
  const seek = db.prepare('SELECT term FROM temp.messages_search_terms WHERE term >= ? LIMIT 1').pluck();
  const terms: string[] = [];
  let term = seek.get(prefix) as string | undefined;
  while (term !== undefined && term.startsWith(prefix)) {
    if (terms.length === MAX_PREFIX_TERMS) return null;
    terms.push(term);
    term = seek.get(`${term}\u0000`) as string | undefined;
  }
  return terms;
}

const quoted = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/**
 * Turns what the operator typed into an FTS5 query: every word must appear, each matched
 * as a prefix, and nothing they type can be read as FTS syntax. Null when no word is left.
 *
 * A prefix query (`"word"*`) makes FTS5 decode and merge the whole posting list of every
 * matching word before it can return the newest hit: ~15 ms per common word at 1,000,000
 * messages. Expanding each prefix into the indexed words it covers (`"word" OR "words"`)
 * lets FTS5 read the lists newest-first and stop at the search's limit, with the same
 * matches.
 */
export function ftsQuery(db: CacheDb, search: string): string | null {
  const words = (search.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  prepareSearch(db);
  const terms = typedTerms(db, words);
  // Every letter or digit is a token character to this tokenizer, so this is not expected;
  // if it ever happens, FTS5 reads the words itself rather than the search matching all.
  if (terms.length === 0) return words.map((w) => `${quoted(w)}*`).join(' ');
  return terms
    .map((term) => {
      const expanded = expandPrefix(db, term);
      // No indexed word starts with it (nothing can match) or too many do: FTS5's own
      // prefix search answers both correctly.
      if (expanded === null || expanded.length === 0) return `${quoted(term)}*`;
      return `(${expanded.map(quoted).join(' OR ')})`;
    })
    .join(' AND ');
}
