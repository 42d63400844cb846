import type { BroadcastTemplateId } from '../protocol/entities-broadcasts';

export interface BroadcastTemplate {
  readonly id: BroadcastTemplateId;
  /** Text with [bracketed] fields for the author to fill in. */
  readonly en: string;
  readonly cy: string;
}

/**
 * Public broadcast templates, English and Welsh written side by side (not translated word
 * for word). Welsh fields avoid gendered mutations ("Gwelwyd [enw]…") so they read
 * correctly whoever the appeal is for.
 */
export const BROADCAST_TEMPLATES: readonly BroadcastTemplate[] = [
  {
    id: 'road-closure',
    en: 'ROAD CLOSURE: [road] is closed between [from] and [to] because of [reason]. Please avoid the area and use another route. We will post again when it reopens.',
    cy: 'FFORDD AR GAU: Mae [ffordd] ar gau rhwng [o] a [i] oherwydd [rheswm]. Osgowch yr ardal a defnyddiwch ffordd arall, os gwelwch yn dda. Byddwn yn rhoi gwybod pan fydd yn ailagor.',
  },
  {
    id: 'major-incident',
    en: 'MAJOR INCIDENT: We are dealing with a major incident in [area]. Please stay away from the area and follow the advice of officers at the scene. In an emergency ring 999. Updates: [link]',
    cy: 'DIGWYDDIAD MAWR: Rydym yn delio â digwyddiad mawr yn [ardal]. Cadwch draw o’r ardal a dilynwch gyngor y swyddogion sydd yno. Mewn argyfwng, ffoniwch 999. Diweddariadau: [dolen]',
  },
  {
    id: 'missing-appeal',
    en: 'MISSING: Can you help us find [name], aged [age], from [area]? [name] was last seen at [time] on [day] in [place], wearing [clothing]. If you see [name], ring 999. Any other information, call 101 quoting [reference].',
    cy: 'AR GOLL: Allwch chi ein helpu i ddod o hyd i [enw], [oed] oed, o [ardal]? Gwelwyd [enw] ddiwethaf am [amser] ddydd [diwrnod] yn [lle], yn gwisgo [dillad]. Os gwelwch chi [enw], ffoniwch 999. Unrhyw wybodaeth arall, ffoniwch 101 gan nodi [cyfeirnod].',
  },
  {
    id: 'missing-found',
    en: 'UPDATE: We have found [name], who was reported missing from [area]. Thank you to everyone who shared our appeal. We have taken the appeal down.',
    cy: 'DIWEDDARIAD: Rydym wedi dod o hyd i [enw], a oedd ar goll o [ardal]. Diolch i bawb a rannodd ein hapêl. Rydym wedi tynnu’r apêl i lawr.',
  },
  {
    id: 'out-of-hours',
    en: 'This desk is not monitored until 07:00. In an emergency ring 999. If it is not an emergency, call 101 or report online at [link].',
    cy: 'Ni fydd neb yn monitro’r ddesg hon tan 07:00. Mewn argyfwng, ffoniwch 999. Os nad yw’n argyfwng, ffoniwch 101 neu rhowch wybod ar-lein yn [dolen].',
  },
  { id: 'free', en: '', cy: '' },
];

export function templateFor(id: BroadcastTemplateId): BroadcastTemplate {
  const found = BROADCAST_TEMPLATES.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no broadcast template ${id}`);
  return found;
}

/** Template fields still to fill in, e.g. "[road]". */
export function unfilledFields(text: string): string[] {
  return [...new Set(text.match(/\[[^\]\n]{1,40}\]/g) ?? [])];
}
