import type { ConversationKind, Platform } from '../domain/enums';

/**
 * How long a reply may be on each platform, and how each platform counts.
 * - X posts and replies: 280, counted the X way (twitter-text): every URL counts
 *   as 23 (t.co wrapping), emoji and characters outside the Latin/punctuation
 *   ranges count 2, text is NFC-normalised first.
 * - X DMs: 10,000 (dm_text_character_limit), counted in Unicode characters.
 * - Facebook comments: 8,000.
 * - Facebook/Messenger messages sent through the Send API: message.text "must
 *   be UTF-8 and has a 2000 character limit", so replies sent from the desk are
 *   held to 2,000 even though people can type more in the app.
 */
export const PLATFORM_LIMITS: Readonly<Record<Platform, Readonly<Record<ConversationKind, number>>>> = {
  x: { comment: 280, dm: 10_000 },
  facebook: { comment: 8_000, dm: 2_000 },
};

/** X wraps every link in t.co, so each counts as this many characters whatever its length. */
export const X_URL_LENGTH = 23;

export function characterLimit(platform: Platform, kind: ConversationKind): number {
  return PLATFORM_LIMITS[platform][kind];
}

const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|io|co|me|ly|tv|app|dev|gov|uk|wales|cymru)\b(?:\/[^\s<>"]*)?/gi;

/** Punctuation that ends a sentence is not part of the link X detects. */
function trimTrailing(url: string): { url: string; rest: string } {
  const match = /[.,:;!?)'"]+$/.exec(url);
  if (!match) return { url, rest: '' };
  return { url: url.slice(0, match.index), rest: match[0] };
}

/** twitter-text's ranges that count 1; everything else counts 2. */
function xWeight(codePoint: number): number {
  if (codePoint <= 0x10ff) return 1;
  if (codePoint >= 0x2000 && codePoint <= 0x200d) return 1;
  if (codePoint >= 0x2010 && codePoint <= 0x201f) return 1;
  if (codePoint >= 0x2032 && codePoint <= 0x2037) return 1;
  return 2;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function xWeightedLength(text: string): number {
  let total = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (EMOJI.test(segment)) {
      // A whole emoji sequence (skin tones, ZWJ families, flags) counts 2.
      total += 2;
      continue;
    }
    for (const char of segment) total += xWeight(char.codePointAt(0) ?? 0);
  }
  return total;
}

function codePointLength(text: string): number {
  let total = 0;
  for (const _char of text) total += 1;
  return total;
}

/** Length as the platform counts it, for a reply of this kind. */
export function countCharacters(platform: Platform, kind: ConversationKind, text: string): number {
  const normalised = text.normalize('NFC');
  if (platform === 'facebook' || kind === 'dm') return codePointLength(normalised);
  let total = 0;
  let last = 0;
  for (const match of normalised.matchAll(URL_PATTERN)) {
    const { url, rest } = trimTrailing(match[0]);
    total += xWeightedLength(normalised.slice(last, match.index)) + X_URL_LENGTH + xWeightedLength(rest);
    last = match.index + url.length + rest.length;
  }
  total += xWeightedLength(normalised.slice(last));
  return total;
}

export interface LengthCheck {
  readonly count: number;
  readonly limit: number;
  readonly remaining: number;
  readonly fits: boolean;
}

export function checkLength(platform: Platform, kind: ConversationKind, text: string): LengthCheck {
  const count = countCharacters(platform, kind, text);
  const limit = characterLimit(platform, kind);
  return { count, limit, remaining: limit - count, fits: count <= limit };
}
