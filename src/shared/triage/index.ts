import { personalDetailKinds, personalDetailLabels } from '../text/personal-details';
import { detectBreaches } from './breaches';
import { categorise, categoryLabels } from './category';
import { detectEmergency } from './emergency';
import { describeLanguage, detectLanguage } from './language';
import { isConfidential, priorityFor } from './priority';
import type { TriageInput, TriageResult } from './schemas';
import { DEFAULT_PROFANITY, type ProfanityLists } from './word-lists';

export {
  breachSchema,
  personalDetailKindSchema,
  triageInputSchema,
  triageResultSchema,
  type TriageInput,
  type TriageResult,
} from './schemas';
export {
  DEFAULT_PROFANITY,
  DEFAULT_PROFANITY_CY,
  DEFAULT_PROFANITY_EN,
  HATE_TERMS,
  type ProfanityLists,
} from './word-lists';
export { detectLanguage, type LanguageVerdict } from './language';
export { detectEmergency, type EmergencyKind, type EmergencyVerdict } from './emergency';
export { categorise, categoryLabels, type CategoryVerdict } from './category';
export { detectBreaches, type Breach, type BreachFinding } from './breaches';
export { priorityFor, isConfidential } from './priority';

/**
 * Triage one inbound message: language, category, emergency, priority,
 * confidentiality, personal details and (for public comments) guideline
 * breaches, each with a reason an operator can read. Deterministic and pure.
 * `profanity` replaces the default word lists (the desk's editable lists).
 */
export function triage(input: TriageInput, profanity: ProfanityLists = DEFAULT_PROFANITY): TriageResult {
  const text = input.text;
  if (text.trim() === '') {
    return {
      language: 'en',
      category: 'general-enquiry',
      emergency: false,
      priority: 'low',
      confidential: false,
      personalDetails: [],
      breaches: [],
      reasons: ['Empty message'],
    };
  }

  const language = detectLanguage(text);
  const topic = categorise(text);
  const emergency = detectEmergency(text);
  const category = emergency.emergency ? 'emergency' : topic.category;
  const priority = priorityFor(category, emergency.emergency);
  const confidential = isConfidential(category, topic.category);
  const personalDetails = personalDetailKinds(text);
  const breaches = input.kind === 'comment' ? detectBreaches(text, profanity) : [];

  const reasons: string[] = [describeLanguage(language)];
  reasons.push(...emergency.reasons);
  const topicCues = topic.cues.map((cue) => `'${cue}'`).join(', ');
  if (emergency.emergency) {
    if (topic.cues.length > 0) reasons.push(`Topic: ${categoryLabels[topic.category]} (${topicCues})`);
  } else {
    reasons.push(
      topic.cues.length > 0
        ? `Category: ${categoryLabels[category]} (${topicCues})`
        : 'Category: general enquiry (no specific topic found)',
    );
  }
  reasons.push(`Priority ${priority}: ${emergency.emergency ? 'emergency' : categoryLabels[category]}`);
  if (confidential) {
    reasons.push(
      `Confidential: ${categoryLabels[topic.category === 'intelligence' || topic.category === 'sexual-offence' ? topic.category : category]}`,
    );
  }
  if (personalDetails.length > 0) {
    reasons.push(`Personal details: ${personalDetails.map((kind) => personalDetailLabels[kind]).join(', ')}`);
  }
  reasons.push(...breaches.map((finding) => finding.reason));
  if (input.kind === 'comment' && !emergency.emergency && isCrime(category)) {
    reasons.push('Crime reported in a public comment: ask them to message privately or ring 101');
  }

  return {
    language: language.language,
    category,
    emergency: emergency.emergency,
    priority,
    confidential,
    personalDetails,
    breaches: [...new Set(breaches.map((finding) => finding.breach))],
    reasons,
  };
}

function isCrime(category: TriageResult['category']): boolean {
  return !['general-enquiry', 'complaint', 'update-request', 'emergency'].includes(category);
}
