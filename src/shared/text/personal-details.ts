/**
 * Personal details in free text. Used by triage (to flag public comments that
 * publish them) and by the reply composer (to warn before a public reply that
 * would publish them). Patterns favour UK formats because the force's public is UK.
 */

export type PersonalDetailKind = 'phone' | 'email' | 'postcode' | 'vehicle-registration' | 'street-address';

export interface PersonalDetailMatch {
  readonly kind: PersonalDetailKind;
  readonly text: string;
  readonly index: number;
}

export const personalDetailLabels: Record<PersonalDetailKind, string> = {
  phone: 'phone number',
  email: 'email address',
  postcode: 'postcode',
  'vehicle-registration': 'vehicle registration',
  'street-address': 'street address',
};

// The look-behind makes a match start only where an address can start, keeping long runs linear.
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/** A run that starts like a UK number (+44, 0044 or 0) and continues with digits and separators. */
const PHONE_CANDIDATE = /(?<![\w+])(?:\+44|0044|\(?0)[\d\s\-().]{8,16}\d(?!\d)/g;

/** Full UK postcode: outward code, space optional, inward code (digit + two letters). */
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d{2})\s?\d[ABD-HJLNP-UW-Z]{2}\b/gi;

/** Current-format plates (AB12 CDE) in any case; older prefix/suffix formats in capitals only. */
const REGISTRATION_CURRENT = /\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b/gi;
const REGISTRATION_OLDER = /\b(?:[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z])\b/g;

const STREET_SUFFIX =
  'road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|court|place|terrace|gardens|grove|view|walk|square|row|mews|parade|rise|hill';
const WELSH_STREET = 'heol|stryd|ffordd|lon|lôn|rhodfa|cilgant|teras|clos|maes|llwyn|cae';

/** "12 Church Road", "4a mill st", "Flat 3". Words between number and suffix must not be function words. */
const ADDRESS_ENGLISH = new RegExp(
  String.raw`\b\d{1,4}[a-z]?,?\s+((?:[a-z'’-]+\s+){1,3})(?:${STREET_SUFFIX})\b`,
  'gi',
);
/** Welsh puts the street word first: "12 Heol y Frenhines", "5 Stryd Fawr". */
const ADDRESS_WELSH = new RegExp(
  String.raw`\b\d{1,4}[a-z]?,?\s+(?:${WELSH_STREET})\s+(?:y\s+|yr\s+)?[a-zŵŷâêîôû'’-]{2,}`,
  'gi',
);
const FLAT = /\b(?:flat|fflat|apartment)\s+\d{1,4}[a-z]?\b/gi;

const NOT_A_STREET_WORD =
  /^(the|a|an|on|in|at|of|and|to|my|our|your|his|her|their|down|up|over|off|by|across|along|times|people|cars|minutes|mins|hours|miles|yards|metres|kids|lads|men|youths|of|from|for|with|is|was|are)$/i;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function isUkPhone(candidate: string): boolean {
  const digits = digitsOf(candidate);
  if (candidate.startsWith('+44')) return digits.length === 12 || digits.length === 13;
  if (candidate.startsWith('0044')) return digits.length === 14 || digits.length === 15;
  // National format: 0 then 9 or 10 digits, and not a free-text date like 01/02/2024.
  return (digits.length === 10 || digits.length === 11) && /^0[1-37-9]/.test(digits);
}

function collect(
  pattern: RegExp,
  text: string,
  kind: PersonalDetailKind,
  keep: (match: RegExpExecArray) => boolean = () => true,
): PersonalDetailMatch[] {
  const found: PersonalDetailMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    if (keep(match)) found.push({ kind, text: match[0].trim(), index: match.index });
  }
  return found;
}

/** Every personal detail found, in the order they appear. */
export function findPersonalDetails(text: string): PersonalDetailMatch[] {
  const emails = collect(EMAIL, text, 'email');
  // Phone candidates inside an email address (digits in the local part) are not phone numbers.
  const phones = collect(
    PHONE_CANDIDATE,
    text,
    'phone',
    (m) =>
      isUkPhone(m[0].trim()) && !emails.some((e) => m.index >= e.index && m.index < e.index + e.text.length),
  );
  // "b4 5pm" is text-speak and a time, not a postcode.
  const postcodes = collect(POSTCODE, text, 'postcode', (m) => !/\d[ap]m$/.test(m[0]));
  const registrations = [
    ...collect(REGISTRATION_CURRENT, text, 'vehicle-registration'),
    ...collect(REGISTRATION_OLDER, text, 'vehicle-registration', (m) => !/^[A-Z]\d{1,3}$/.test(m[0])),
  ].filter((plate) => !postcodes.some((p) => p.index === plate.index));
  const addresses = [
    ...collect(ADDRESS_ENGLISH, text, 'street-address', (m) => {
      const between = (m[1] ?? '').trim().split(/\s+/);
      return between.every((word) => !NOT_A_STREET_WORD.test(word));
    }),
    ...collect(ADDRESS_WELSH, text, 'street-address'),
    ...collect(FLAT, text, 'street-address'),
  ];
  return [...emails, ...phones, ...postcodes, ...registrations, ...addresses].sort(
    (a, b) => a.index - b.index,
  );
}

/** The kinds present, each once, in a stable order for display and comparison. */
export function personalDetailKinds(text: string): PersonalDetailKind[] {
  const present = new Set(findPersonalDetails(text).map((match) => match.kind));
  const order: PersonalDetailKind[] = [
    'phone',
    'email',
    'postcode',
    'vehicle-registration',
    'street-address',
  ];
  return order.filter((kind) => present.has(kind));
}
