/**
 * Text normalisation shared by the detectors. Messages arrive informal, misspelt,
 * with curly quotes and Welsh accents typed or not typed, so every detector
 * matches against the same folded form.
 */

/** Curly quotes and similar marks become the plain apostrophe people also type. */
function foldApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'");
}

/** Lower case, plain apostrophes, accents kept (Welsh circumflexes carry meaning for display). */
export function lowerFolded(text: string): string {
  return foldApostrophes(text.normalize('NFC')).toLowerCase();
}

/** Lower case with accents removed: "plîs" and "plis", "rŵan" and "rwan" compare equal. */
export function fold(text: string): string {
  return lowerFolded(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * Words of a folded text. Apostrophes inside words are kept ("wedi'i", "i'r",
 * "don't"); a leading or trailing one is dropped.
 */
export function words(folded: string): string[] {
  const matches = folded.match(/[a-z0-9]+(?:'[a-z0-9]+)*/g);
  return matches ?? [];
}

/** Shortens a match for display in a reason so reasons stay one line. */
export function quote(fragment: string, max = 40): string {
  const trimmed = fragment.trim().replace(/\s+/g, ' ');
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** Unique values, first occurrence order kept so reasons read naturally. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
