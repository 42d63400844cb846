import { z } from 'zod';
import type { Language } from '../domain/enums';

/**
 * Canned replies the desk sends most often, in English and Welsh. Wording
 * follows the force's own public guidance: emergencies to 999, non-urgent crime
 * to 101, fraud to Action Fraud, complaints through the official channel, and
 * personal details kept out of public view. Every text fits one X reply (280).
 */

export const cannedIdSchema = z.enum([
  'emergency-999',
  'non-urgent-101',
  'fraud-action-fraud',
  'complaints-process',
  'message-privately',
  'crime-in-comment',
  'out-of-hours',
  'personal-details-hidden',
]);
export type CannedId = z.infer<typeof cannedIdSchema>;

export interface Bilingual {
  readonly en: string;
  readonly cy: string;
}

export interface CannedResponse {
  readonly id: CannedId;
  readonly title: Bilingual;
  readonly text: Bilingual;
}

export const CANNED_RESPONSES: readonly CannedResponse[] = [
  {
    id: 'emergency-999',
    title: { en: 'Emergency: call 999', cy: 'Argyfwng: ffoniwch 999' },
    text: {
      en: "If you or someone else is in danger right now, please call 999 straight away. Don't wait for a reply here. If you can't speak, call 999, listen to the operator, then press 55 when asked so they know it's a real emergency.",
      cy: 'Os ydych chi neu rywun arall mewn perygl nawr, ffoniwch 999 ar unwaith. Peidiwch ag aros am ateb yma. Os na allwch chi siarad, ffoniwch 999, gwrandewch ar y gweithredwr, a phwyswch 55 pan ofynnir i chi er mwyn iddyn nhw wybod ei fod yn argyfwng go iawn.',
    },
  },
  {
    id: 'non-urgent-101',
    title: { en: 'Non-urgent crime: call 101', cy: 'Trosedd nad yw’n argyfwng: ffoniwch 101' },
    text: {
      en: 'Thanks for getting in touch. To report this, please call 101, our non-emergency number, or report it online on our website. If anyone is in immediate danger, call 999.',
      cy: 'Diolch am gysylltu. I roi gwybod am hyn, ffoniwch 101, ein rhif di-argyfwng, neu rhowch wybod ar-lein ar ein gwefan. Os oes unrhyw un mewn perygl uniongyrchol, ffoniwch 999.',
    },
  },
  {
    id: 'fraud-action-fraud',
    title: { en: 'Fraud: report to Action Fraud', cy: 'Twyll: rhoi gwybod i Action Fraud' },
    text: {
      en: "We're sorry this has happened. Please report it to Action Fraud, the national reporting centre for fraud and cyber crime, at actionfraud.police.uk or on 0300 123 2040. If you've lost money, contact your bank straight away too.",
      cy: 'Mae’n ddrwg gennym fod hyn wedi digwydd. Rhowch wybod i Action Fraud, y ganolfan genedlaethol ar gyfer twyll a seiberdroseddu, yn actionfraud.police.uk neu ar 0300 123 2040. Os ydych chi wedi colli arian, cysylltwch â’ch banc ar unwaith hefyd.',
    },
  },
  {
    id: 'complaints-process',
    title: { en: 'How to make a complaint', cy: 'Sut i wneud cwyn' },
    text: {
      en: "We're sorry you're unhappy with the service you received. We can't take complaints through social media, but you can make one through the complaints page on our website and it will be looked into properly.",
      cy: 'Mae’n ddrwg gennym nad ydych chi’n hapus â’r gwasanaeth a gawsoch chi. Allwn ni ddim derbyn cwynion drwy’r cyfryngau cymdeithasol, ond gallwch chi wneud cwyn drwy’r dudalen gwynion ar ein gwefan a bydd yn cael sylw priodol.',
    },
  },
  {
    id: 'message-privately',
    title: { en: 'Please message us privately', cy: 'Anfonwch neges breifat atom' },
    text: {
      en: 'Thanks for your message. So we can help and keep your details safe, please send us a private message rather than posting publicly.',
      cy: 'Diolch am eich neges. Er mwyn i ni allu helpu a chadw eich manylion yn ddiogel, anfonwch neges breifat atom yn hytrach na phostio’n gyhoeddus.',
    },
  },
  {
    id: 'crime-in-comment',
    title: {
      en: 'Crime in a comment: message us or ring 101',
      cy: 'Trosedd mewn sylw: anfonwch neges neu ffoniwch 101',
    },
    text: {
      en: "Thanks for letting us know. Please don't report crime in public comments: send us a private message or ring 101 so we can take the details. If someone is in danger now, call 999.",
      cy: 'Diolch am roi gwybod i ni. Peidiwch â rhoi gwybod am droseddau mewn sylwadau cyhoeddus: anfonwch neges breifat atom neu ffoniwch 101 er mwyn i ni gael y manylion. Os oes rhywun mewn perygl nawr, ffoniwch 999.',
    },
  },
  {
    id: 'out-of-hours',
    title: { en: 'Desk not staffed right now', cy: 'Does neb ar y ddesg ar hyn o bryd' },
    text: {
      en: "Thanks for your message. Our social media desk isn't staffed right now, so there may be a delay before we reply. In an emergency, call 999. For anything else that can't wait, call 101.",
      cy: 'Diolch am eich neges. Does neb ar ein desg cyfryngau cymdeithasol ar hyn o bryd, felly efallai y bydd oedi cyn i ni ateb. Mewn argyfwng, ffoniwch 999. Am unrhyw beth arall na all aros, ffoniwch 101.',
    },
  },
  {
    id: 'personal-details-hidden',
    title: { en: 'Comment hidden: personal details', cy: 'Sylw wedi’i guddio: manylion personol' },
    text: {
      en: "We've hidden your comment because it included personal details, like a phone number or address, that anyone could see. That's to keep you safe. Please send us a private message instead and we'll help.",
      cy: 'Rydyn ni wedi cuddio eich sylw am ei fod yn cynnwys manylion personol, fel rhif ffôn neu gyfeiriad, y gallai unrhyw un eu gweld. Mae hyn er mwyn eich cadw’n ddiogel. Anfonwch neges breifat atom yn lle hynny a byddwn ni’n helpu.',
    },
  },
];

/** Same list under the name the composer imports. */
export const cannedResponses = CANNED_RESPONSES;

const BY_ID = new Map<CannedId, CannedResponse>(CANNED_RESPONSES.map((response) => [response.id, response]));

export function cannedResponse(id: CannedId): CannedResponse {
  const response = BY_ID.get(id);
  // Every id in the enum has an entry; the unit tests hold the two together.
  if (!response) throw new Error(`no canned response ${id}`);
  return response;
}

/**
 * The reply text for an id in the message's language. Takes any string because
 * ids arrive from pickers and stored settings; an unknown id is a clear error.
 */
export function cannedFor(id: string, language: Language): string {
  const parsed = cannedIdSchema.safeParse(id);
  if (!parsed.success) throw new Error(`unknown canned response '${id}'`);
  return cannedResponse(parsed.data).text[language];
}

/** The title shown in the composer's picker, in the operator's interface language. */
export function cannedTitle(id: CannedId, language: Language): string {
  return cannedResponse(id).title[language];
}

export interface CannedSuggestionInput {
  readonly kind: 'dm' | 'comment';
  readonly category: string;
  readonly emergency: boolean;
  readonly personalDetails: readonly string[];
}

/**
 * The reply the composer should offer first for a triaged message, or null.
 * Emergencies always get 999; public comments with personal details get the
 * hidden-comment explanation; crimes in public comments get "message us or 101".
 */
export function suggestCanned(result: CannedSuggestionInput): CannedId | null {
  if (result.emergency) return 'emergency-999';
  if (result.kind === 'comment' && result.personalDetails.length > 0) return 'personal-details-hidden';
  if (result.category === 'fraud-cyber') return 'fraud-action-fraud';
  if (result.category === 'complaint') return 'complaints-process';
  const notCrime = ['general-enquiry', 'update-request', 'emergency'];
  if (result.kind === 'comment') return notCrime.includes(result.category) ? null : 'crime-in-comment';
  return null;
}
