import type { z } from 'zod';
import { fold, quote } from '../text/normalise';
import { HATE_TERMS, type ProfanityLists } from './word-lists';
import { findListedWords, maskWord } from './word-match';
import type { breachSchema } from './schemas';

export type Breach = z.infer<typeof breachSchema>;

export interface BreachFinding {
  readonly breach: Breach;
  readonly reason: string;
}

interface PhraseRule {
  readonly pattern: RegExp;
  readonly label: string;
}

/** Name-calling and wishing harm on people, aimed at the force or other commenters. */
const ABUSIVE: readonly PhraseRule[] = [
  {
    pattern:
      /\b(?:you(?:'re| are)?|ur|u r|your|all|bunch of|load of|lot of|these|those|bloody|useless|corrupt|thick|absolute|total|fat)\s+(?:\w+\s+){0,2}(?:scum(?:bags?)?|pigs|filth|idiots?|morons?|clowns|muppets|imbeciles?|cretins?|parasites|vermin|losers?|cowards)\b/,
    label: 'insult',
  },
  {
    pattern:
      /\b(?:scum(?:bags?)?|pigs|filth)\b.*\b(?:police|cops|coppers|officers?|heddlu|you)\b|\b(?:police|cops|coppers|heddlu|feds)\b.*\b(?:are|r|is)\s+(?:\w+\s+)?(?:scum|pigs|filth|vermin)\b/,
    label: 'insult to officers',
  },
  {
    pattern:
      /\b(?:kys|kill yourselves|kill yourself|go die|hope (?:you|u|they|he|she) (?:all )?(?:die|rot|get cancer)|hope your (?:kids|family)\b)/,
    label: 'wishing harm',
  },
  { pattern: /\b(?:oink|acab|all coppers are)\b/, label: 'insult to officers' },
  {
    pattern: /\b(?:moch|ffyliaid|twpsod|twpsyn|idiotiaid|sbwriel o heddlu|cachgwn)\b/,
    label: 'insult (Welsh)',
  },
  {
    pattern: /\bgobeithio (?:y byddwch|byddwch|bod chi) (?:chi )?(?:i gyd )?(?:yn )?marw\b/,
    label: 'wishing harm (Welsh)',
  },
];

const HATEFUL: readonly PhraseRule[] = [
  {
    pattern:
      /\b(?:go|send (?:them|em|him|her)(?: all)?) back (?:to|where) (?:your|their|his|her|they|you) (?:own )?(?:country|came from|come from)\b/,
    label: 'go back to your country',
  },
  {
    pattern:
      /\b(?:immigrants|foreigners|muslims|jews|gays|refugees|asylum seekers|migrants|travellers|gypsies|blacks|poles|romanians)\s+(?:are|r|should|need to|must)\s+(?:all\s+)?(?:be\s+)?(?:vermin|scum|animals|parasites|deported|shot|hanged|gassed|rats|cockroaches|kicked out|wiped out)\b/,
    label: 'attack on a group',
  },
  {
    pattern:
      /\b(?:dos|ewch|cer|cerwch|ffwrdd)(?: a chi)? (?:yn ol|nol|'n ol|adre) i ?(?:dy |eich |ei |eu |'ch |'th |'w )?(?:wlad|gwlad|gwledydd)\b/,
    label: 'go back to your country (Welsh)',
  },
];

/** Adverts and spam: commercial calls to action, get-rich offers, link farming. */
const SPAM: readonly PhraseRule[] = [
  {
    pattern:
      /\b(?:buy now|order now|shop now|discount code|promo code|use code|limited (?:time )?offer|% off|free delivery|best prices?|cheap(?:est)? prices?)\b/,
    label: 'advert',
  },
  {
    pattern:
      /\b(?:earn|make)\s+(?:£|\$)?\d[\d,]*k?\s*(?:a|per|every)\s+(?:day|week|month)\b|\bwork from home\b|\bpassive income\b|\binvest(?:ment)?s? in (?:bitcoin|crypto|forex)\b|\b(?:bitcoin|crypto|forex) (?:trading|investment|mining|expert)\b/,
    label: 'get-rich offer',
  },
  {
    pattern:
      /\b(?:dm|message|inbox|whatsapp|contact)\s+(?:me|us)\s+(?:for|to (?:order|buy|book|learn|find out))\b|\bcheck out my (?:page|channel|shop|store|profile|site|onlyfans)\b|\bfollow (?:me|my page)\b|\bclick (?:the |my )?link\b|\blink in (?:my )?bio\b/,
    label: 'self-promotion',
  },
  {
    pattern:
      /\b(?:cheap|buy|get)\s+(?:\w+\s+)?(?:followers|likes|views|viagra|cialis|weight loss pills|loans?)\b|\bfree (?:giveaway|iphone|gift card)\b|\bwin (?:a|an) (?:free )?(?:iphone|ipad|car|holiday|gift card)\b/,
    label: 'spam offer',
  },
  {
    pattern: /\b(?:prynwch nawr|cynnig arbennig|gostyngiad|am ddim heddiw|cod disgownt)\b/,
    label: 'advert (Welsh)',
  },
  {
    pattern:
      /\b(?:locksmith|roofer|driveways?|gutters?|cleaning|removals|taxi|plumbing|scaffolding|mot)\s+(?:services?|available|done|cleaned|fitted)\b.*\b(?:call|ring|message|dm|contact|quote)\b/,
    label: 'trade advert',
  },
];

/** Pretending to be the force, an officer, or page staff. */
const IMPERSONATION: readonly PhraseRule[] = [
  {
    pattern:
      /^\s*(?:official\s+)?(?:gwent police|heddlu gwent|police|admin|page admin|moderator)\s*(?:here\s*)?[:\-–]/,
    label: 'posting as the force or admin',
  },
  {
    pattern:
      /\b(?:this is|i am|i'm|im)\s+(?:the\s+)?(?:official\s+)?(?:gwent police|heddlu gwent|the police|page admin|an admin of this page)\b/,
    label: 'claims to be the force or admin',
  },
  {
    pattern:
      /\b(?:i am|i'm|im)\s+(?:a|an)\s+(?:serving\s+)?(?:police officer|officer with gwent|detective with|detective from|pc with|pcso with)\b.*\b(?:message|dm|inbox|send|contact) me\b/,
    label: 'claims to be an officer and asks for contact',
  },
  {
    pattern: /\b(?:this is|i am|i'm|im)\s+(?:the\s+)?(?:real|official|verified)\s+(?:account|page)\b/,
    label: 'claims to be the official account',
  },
  {
    pattern: /\b(?:dyma|rwy'n|dw i'n|dwi'n)\s+(?:heddlu gwent|swyddog heddlu|(?:yr )?heddlu swyddogol)\b/,
    label: 'claims to be the force (Welsh)',
  },
];

function firstMatch(
  rules: readonly PhraseRule[],
  folded: string,
): { rule: PhraseRule; found: string } | null {
  for (const rule of rules) {
    const match = rule.pattern.exec(folded);
    if (match) return { rule, found: match[0] };
  }
  return null;
}

/**
 * Posting-guideline breaches in a public comment. DMs are private and never
 * hidden, so callers only ask for comments.
 */
export function detectBreaches(text: string, profanity: ProfanityLists): BreachFinding[] {
  const folded = fold(text);
  const findings: BreachFinding[] = [];

  const hateWords = findListedWords(text, HATE_TERMS);
  const hatePhrase = firstMatch(HATEFUL, folded);
  if (hateWords.length > 0 || hatePhrase) {
    const what = hatePhrase ? hatePhrase.rule.label : `slur ('${maskWord(hateWords[0]?.found ?? '')}')`;
    findings.push({ breach: 'hateful', reason: `Breach – hateful: ${what}` });
  }

  const abuse = firstMatch(ABUSIVE, folded);
  if (abuse) {
    findings.push({
      breach: 'abusive',
      reason: `Breach – abusive: ${abuse.rule.label} ('${quote(abuse.found, 30)}')`,
    });
  }

  const swearing = [...findListedWords(text, profanity.en), ...findListedWords(text, profanity.cy)];
  if (swearing.length > 0) {
    const shown = [...new Set(swearing.map((hit) => `'${maskWord(hit.found)}'`))].slice(0, 3).join(', ');
    findings.push({ breach: 'obscene', reason: `Breach – obscene/profane: ${shown}` });
  }

  const spam = SPAM.filter((rule) => rule.pattern.test(folded));
  const links =
    folded.match(/https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|co\.uk|net|biz|shop|xyz|io)\b/g)?.length ?? 0;
  // Any commercial cue, or a comment that is mostly links, is spam; one shared link is not.
  if (spam.length >= 1 || links >= 3) {
    const label = spam[0]?.label ?? 'repeated links';
    findings.push({
      breach: 'spam',
      reason: `Breach – spam/advert: ${label}${links > 0 ? ` with ${links} link${links > 1 ? 's' : ''}` : ''}`,
    });
  }

  const impersonation = firstMatch(IMPERSONATION, folded);
  if (impersonation) {
    findings.push({ breach: 'impersonation', reason: `Breach – impersonation: ${impersonation.rule.label}` });
  }
  return findings;
}
