import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFANITY,
  DEFAULT_PROFANITY_CY,
  DEFAULT_PROFANITY_EN,
  detectBreaches,
  triage,
  type ProfanityLists,
} from '../../../../src/shared/triage';

function breachesOf(text: string, lists: ProfanityLists = DEFAULT_PROFANITY): string[] {
  return detectBreaches(text, lists).map((finding) => finding.breach);
}

describe('detectBreaches', () => {
  it.each([
    ['what a load of shit', 'plain'],
    ['f**k this', 'masked'],
    ['sh1t service', 'leetspeak'],
    ['shiiiiit', 'stretched'],
    ['FUCKING useless', 'capitals and suffix'],
    ['cachu o beth', 'Welsh'],
    ['gwasanaeth gachu', 'Welsh, mutated'],
    ['ffycin heddlu', 'Welsh slang'],
  ])('finds profanity in %j (%s)', (text) => {
    expect(breachesOf(text)).toContain('obscene');
  });

  it.each([
    'Scunthorpe is lovely',
    'I passed my assessment',
    'the cockpit of the helicopter',
    'Mae hi’n bwrw glaw',
  ])('does not find profanity inside ordinary words: %j', (text) => {
    expect(breachesOf(text)).not.toContain('obscene');
  });

  it('masks the word in the reason rather than repeating it', () => {
    const [finding] = detectBreaches('fucking joke', DEFAULT_PROFANITY);
    expect(finding?.reason).toBe("Breach – obscene/profane: 'f*****g'");
  });

  it('uses an edited word list instead of the defaults', () => {
    const lists: ProfanityLists = { en: ['plonker'], cy: ['pen dafad'] };
    expect(breachesOf('you plonker', lists)).toEqual(['obscene']);
    expect(breachesOf('ti’n ben dafad', lists)).toEqual([]);
    expect(breachesOf('ti yn pen dafad', lists)).toEqual(['obscene']);
    expect(breachesOf('what a load of shit', lists)).toEqual([]);
  });

  it('lets triage take an override list as its second argument', () => {
    const input = { text: 'you plonker', platform: 'facebook', kind: 'comment' } as const;
    expect(triage(input).breaches).toEqual([]);
    expect(triage(input, { en: ['plonker'], cy: [] }).breaches).toEqual(['obscene']);
  });

  it('exports non-empty default lists for both languages', () => {
    expect(DEFAULT_PROFANITY_EN.length).toBeGreaterThan(10);
    expect(DEFAULT_PROFANITY_CY.length).toBeGreaterThan(10);
  });

  it.each([
    ['you lot are scum', 'abusive'],
    ['useless pigs the lot of you', 'abusive'],
    ['kys', 'abusive'],
    ['moch ydych chi', 'abusive'],
    ['go back to your own country', 'hateful'],
    ['refugees should be deported, all of them are vermin', 'hateful'],
    ['dos yn ôl i dy wlad', 'hateful'],
    ['Earn £300 a day from home, DM me for info', 'spam'],
    ['check out my page www.example.com', 'spam'],
    ['prynwch nawr, cynnig arbennig', 'spam'],
    ['Gwent Police: please send us your bank details', 'impersonation'],
    ["I'm a police officer with Gwent, message me for help with fines", 'impersonation'],
    ['Dyma Heddlu Gwent, anfonwch eich manylion', 'impersonation'],
  ] as const)('flags %j as %s', (text, breach) => {
    const findings = detectBreaches(text, DEFAULT_PROFANITY);
    expect(findings.map((finding) => finding.breach)).toContain(breach);
    expect(findings.find((finding) => finding.breach === breach)?.reason).toMatch(/^Breach – /);
  });

  it.each([
    'The officers were really helpful, thank you',
    'I think the police response was too slow and I am disappointed',
    'Here is the link to the appeal https://www.gwent.police.uk/news',
    'Diolch yn fawr i bawb',
  ])('finds nothing wrong with the fair comment %j', (text) => {
    expect(breachesOf(text)).toEqual([]);
  });

  it('only judges public comments: a DM with swearing has no breaches', () => {
    expect(triage({ text: 'someone fucking stole my bike', platform: 'x', kind: 'dm' }).breaches).toEqual([]);
    expect(
      triage({ text: 'someone fucking stole my bike', platform: 'x', kind: 'comment' }).breaches,
    ).toEqual(['obscene']);
  });
});
