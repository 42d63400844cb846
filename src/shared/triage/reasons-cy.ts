import type { Category } from '../domain/enums';
import { categoryLabels } from './category';

/**
 * Triage reasons in Welsh, for consoles whose interface is in Welsh. The hub stores the
 * reasons in English (they are audit material); each one follows one of the formats made
 * in this folder, so the console translates the frame and the labels and leaves quoted
 * words from the message as they were written. A reason in no known format comes back
 * unchanged (the corpus test makes sure every format here is covered).
 */
export function reasonInWelsh(reason: string): string {
  for (const [pattern, render] of FORMATS) {
    const match = pattern.exec(reason);
    if (match) return render(match.slice(1));
  }
  return reason;
}

const CATEGORY_CY: Record<Category, string> = {
  emergency: 'argyfwng',
  'crime-report': 'adroddiad trosedd',
  'domestic-abuse': 'cam-drin domestig',
  'sexual-offence': 'trosedd rywiol',
  intelligence: 'cudd-wybodaeth',
  'missing-person': 'person ar goll',
  'road-traffic': 'traffig ffyrdd',
  'stolen-vehicle': 'cerbyd wedi’i ddwyn',
  'anti-social-behaviour': 'ymddygiad gwrthgymdeithasol',
  'fraud-cyber': 'twyll / seiberdroseddu',
  'update-request': 'cais am ddiweddariad',
  complaint: 'cwyn',
  'general-enquiry': 'ymholiad cyffredinol',
};

const BY_ENGLISH_LABEL = new Map<string, string>(
  (Object.keys(categoryLabels) as Category[]).map((c) => [categoryLabels[c], CATEGORY_CY[c]]),
);

const WORDS: Record<string, string> = {
  // Emergency kinds
  'threat to kill': 'bygythiad i ladd',
  'weapon present': 'arf yn bresennol',
  'violence in progress': 'trais yn digwydd nawr',
  intruder: 'rhywun wedi torri i mewn',
  'self-harm intent': 'bwriad i hunan-niweidio',
  'child in danger': 'plentyn mewn perygl',
  'crash with injuries': 'gwrthdrawiad ag anafiadau',
  'life at risk': 'bywyd mewn perygl',
  // Priorities
  urgent: 'brys',
  high: 'uchel',
  normal: 'arferol',
  low: 'isel',
  // Personal details
  'phone number': 'rhif ffôn',
  'email address': 'cyfeiriad e-bost',
  postcode: 'cod post',
  'vehicle registration': 'rhif cofrestru cerbyd',
  'street address': 'cyfeiriad stryd',
  // Guideline breach labels
  insult: 'sarhad',
  'insult to officers': 'sarhau swyddogion',
  'wishing harm': 'dymuno niwed',
  'insult (Welsh)': 'sarhad (Cymraeg)',
  'wishing harm (Welsh)': 'dymuno niwed (Cymraeg)',
  'go back to your country': '“ewch yn ôl i’ch gwlad”',
  'attack on a group': 'ymosod ar grŵp',
  'go back to your country (Welsh)': '“ewch yn ôl i’ch gwlad” (Cymraeg)',
  advert: 'hysbyseb',
  'get-rich offer': 'cynnig cyfoethogi',
  'self-promotion': 'hunan-hyrwyddo',
  'spam offer': 'cynnig sbam',
  'advert (Welsh)': 'hysbyseb (Cymraeg)',
  'trade advert': 'hysbyseb fasnach',
  'repeated links': 'dolenni dro ar ôl tro',
  'posting as the force or admin': 'postio fel yr heddlu neu weinyddwr',
  'claims to be the force or admin': 'honni bod yn heddlu neu’n weinyddwr',
  'claims to be an officer and asks for contact': 'honni bod yn swyddog a gofyn am fanylion cyswllt',
  'claims to be the official account': 'honni bod yn gyfrif swyddogol',
};

/** A label from the tables above or a category, in Welsh; unknown words stay as they are. */
const cy = (label: string): string => WORDS[label] ?? BY_ENGLISH_LABEL.get(label) ?? label;
const list = (labels: string): string => labels.split(', ').map(cy).join(', ');

const FORMATS: readonly [RegExp, (parts: string[]) => string][] = [
  [/^Welsh: Welsh spelling$/, () => 'Cymraeg: sillafu Cymraeg'],
  [/^Welsh: (.*)$/s, ([cues = '']) => `Cymraeg: ${cues}`],
  [/^English: no Welsh found \(default\)$/, () => 'Saesneg: dim Cymraeg (rhagosodiad)'],
  [/^English: (.*)$/s, ([cues = '']) => `Saesneg: ${cues}`],
  [/^Emergency: (.+?) \((.*)\)$/s, ([kind = '', quote = '']) => `Argyfwng: ${cy(kind)} (${quote})`],
  [
    /^Not an emergency: past event \((.*)\) with no sign of danger now$/s,
    ([quote = '']) => `Nid argyfwng: digwyddiad yn y gorffennol (${quote}) heb arwydd o berygl nawr`,
  ],
  [/^Figure of speech ignored \((.*)\)$/s, ([quote = '']) => `Ffigur ymadrodd, heb ei gyfrif (${quote})`],
  [
    /^Joking tone: threat not treated as real \((.*)\)$/s,
    ([quote = '']) => `Tôn cellwair: nid yw’r bygythiad yn cael ei drin fel un go iawn (${quote})`,
  ],
  [/^Topic: (.+?) \((.*)\)$/s, ([label = '', cues = '']) => `Pwnc: ${cy(label)} (${cues})`],
  [
    /^Category: general enquiry \(no specific topic found\)$/,
    () => 'Categori: ymholiad cyffredinol (dim pwnc penodol)',
  ],
  [/^Category: (.+?) \((.*)\)$/s, ([label = '', cues = '']) => `Categori: ${cy(label)} (${cues})`],
  [/^Priority (\w+): (.*)$/, ([level = '', why = '']) => `Blaenoriaeth ${cy(level)}: ${cy(why)}`],
  [/^Confidential: (.*)$/, ([label = '']) => `Cyfrinachol: ${cy(label)}`],
  [/^Personal details: (.*)$/, ([labels = '']) => `Manylion personol: ${list(labels)}`],
  [
    /^Breach – hateful: slur \((.*)\)$/s,
    ([quote = '']) => `Torri’r canllawiau – casineb: gair sarhaus (${quote})`,
  ],
  [/^Breach – hateful: (.*)$/s, ([label = '']) => `Torri’r canllawiau – casineb: ${cy(label)}`],
  [
    /^Breach – abusive: (.+?) \((.*)\)$/s,
    ([label = '', quote = '']) => `Torri’r canllawiau – sarhaus: ${cy(label)} (${quote})`,
  ],
  [/^Breach – obscene\/profane: (.*)$/s, ([words = '']) => `Torri’r canllawiau – anweddus/rhegi: ${words}`],
  [
    /^Breach – spam\/advert: (.+?) with (\d+) links?$/,
    ([label = '', n = '']) => `Torri’r canllawiau – sbam/hysbyseb: ${cy(label)} gyda ${n} dolen`,
  ],
  [/^Breach – spam\/advert: (.*)$/, ([label = '']) => `Torri’r canllawiau – sbam/hysbyseb: ${cy(label)}`],
  [/^Breach – impersonation: (.*)$/, ([label = '']) => `Torri’r canllawiau – dynwared: ${cy(label)}`],
  [
    /^Crime reported in a public comment: ask them to message privately or ring 101$/,
    () => 'Trosedd mewn sylw cyhoeddus: gofynnwch iddyn nhw anfon neges breifat neu ffonio 101',
  ],
];
