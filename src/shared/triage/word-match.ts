import { fold, words } from '../text/normalise';

/**
 * Matches a word list against text, coping with how people disguise words:
 * leetspeak (sh1t), masks (f**k) and stretching (shiiiit).
 */

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  $: 's',
  '@': 'a',
  '!': 'i',
};
const MASK = /[*#]/;

function deLeet(token: string): string {
  return token.replace(/[0134579$@!]/g, (ch) => LEET[ch] ?? ch);
}

/** Runs of three or more of the same letter collapse to one ("fuuuuck" → "fuck"). */
function unstretch(token: string): string {
  return token.replace(/([a-z])\1{2,}/g, '$1');
}

/** Tokens including masked ones: "f**k" stays one token with its mask characters. */
function rawTokens(text: string): string[] {
  const folded = fold(text);
  const tokens = folded.match(/[a-z0-9*#$@!]+(?:'[a-z]+)?/g) ?? [];
  // "shit!" ends a sentence; only a "!" inside a word stands for an "i".
  return tokens.map((token) => token.replace(/!+$/, '')).filter((token) => token !== '');
}

interface Token {
  readonly raw: string;
  /** De-leeted and unstretched, computed once per token rather than once per list entry. */
  readonly plain: string;
  readonly masked: boolean;
}

function tokenMatchesEntry(token: Token, entry: string): boolean {
  const stem = entry.endsWith('*') ? entry.slice(0, -1) : null;
  if (token.masked) {
    // A masked word matches an entry of the same length whose visible letters agree,
    // and must keep its first letter visible ("f**k", not "****").
    const target = stem ?? entry;
    if (!/^[a-z]/.test(token.raw)) return false;
    const core = token.raw.replace(/(ing|in|er|ed|s)$/, '');
    for (const candidate of stem ? [core, token.raw] : [token.raw]) {
      if (candidate.length !== target.length) continue;
      // Tokens are folded ASCII here, so comparing code units is exact.
      let agrees = true;
      for (let i = 0; i < candidate.length; i += 1) {
        const ch = candidate.charAt(i);
        if (!MASK.test(ch) && ch !== target.charAt(i)) agrees = false;
      }
      if (agrees) return true;
    }
    return false;
  }
  if (stem !== null) return token.plain.startsWith(stem) && stem.length >= 2;
  return token.plain === entry;
}

export interface WordHit {
  readonly entry: string;
  readonly found: string;
}

/** Every list entry found in the text, with the text that matched it. */
export function findListedWords(text: string, entries: readonly string[]): WordHit[] {
  const hits: WordHit[] = [];
  const tokens: Token[] = rawTokens(text).map((raw) => ({
    raw,
    plain: unstretch(deLeet(raw)),
    masked: MASK.test(raw),
  }));
  const phraseText = ` ${words(fold(text))
    .map((token) => unstretch(deLeet(token)))
    .join(' ')} `;
  for (const raw of entries) {
    const entry = fold(raw.trim());
    if (entry === '') continue;
    if (entry.includes(' ')) {
      if (phraseText.includes(` ${entry} `)) hits.push({ entry, found: entry });
      continue;
    }
    const token = tokens.find((candidate) => tokenMatchesEntry(candidate, entry));
    if (token !== undefined) hits.push({ entry, found: token.raw });
  }
  return hits;
}

/** "fucking" → "f*****g": reasons name the word without repeating it in full. */
export function maskWord(word: string): string {
  if (word.length <= 2) return word;
  return `${word[0] ?? ''}${'*'.repeat(word.length - 2)}${word[word.length - 1] ?? ''}`;
}
