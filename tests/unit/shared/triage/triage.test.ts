import { describe, expect, it } from 'vitest';
import { triage, triageResultSchema, type TriageInput } from '../../../../src/shared/triage';

function dm(text: string): TriageInput {
  return { text, platform: 'facebook', kind: 'dm' };
}
function comment(text: string): TriageInput {
  return { text, platform: 'facebook', kind: 'comment' };
}

describe('triage', () => {
  it('escalates an emergency: emergency category, urgent, with the topic kept in the reasons', () => {
    const result = triage(dm("my ex is outside with a knife and says he's going to kill me"));
    expect(result).toMatchObject({
      category: 'emergency',
      emergency: true,
      priority: 'urgent',
      language: 'en',
    });
    expect(
      result.reasons.some((reason) => /^Emergency: threat to kill \('.*going to kill'\)$/.test(reason)),
    ).toBe(true);
    expect(result.reasons.some((reason) => reason.startsWith('Emergency: weapon present'))).toBe(true);
    expect(result.reasons).toContain('Priority urgent: emergency');
  });

  it('escalates a Welsh emergency and explains the language', () => {
    const result = triage(dm("Helpwch plis, mae o'n mynd i'n lladd i"));
    expect(result).toMatchObject({ language: 'cy', emergency: true, priority: 'urgent' });
    expect(result.reasons[0]).toMatch(/^Welsh: .*'mae'/);
  });

  it.each([
    ['my husband keeps threatening me and I am scared to go home', 'domestic-abuse'],
    ['my daughter has gone missing', 'missing-person'],
    ['I was sexually assaulted last year', 'sexual-offence'],
  ] as const)('gives high priority to %j (%s)', (text, category) => {
    const result = triage(dm(text));
    expect(result.category).toBe(category);
    expect(result.priority).toBe('high');
  });

  it('gives low priority to general enquiries and complaints, normal to crimes', () => {
    expect(triage(dm('what time does the station open?')).priority).toBe('low');
    expect(triage(dm('I want to make a complaint about an officer')).priority).toBe('low');
    expect(triage(dm('my shed was broken into')).priority).toBe('normal');
  });

  it('marks intelligence and sexual offences confidential, and says so', () => {
    const intel = triage(dm('I have information about drug dealing at the flats'));
    expect(intel).toMatchObject({ category: 'intelligence', confidential: true });
    expect(intel.reasons).toContain('Confidential: intelligence');
    const sexual = triage(dm('I was raped two years ago'));
    expect(sexual).toMatchObject({ category: 'sexual-offence', confidential: true });
    expect(triage(dm('my bike was stolen')).confidential).toBe(false);
  });

  it('keeps a sexual offence in progress confidential even though it is escalated as an emergency', () => {
    const result = triage(dm('help, a man is being raped in the alley behind the club right now'));
    expect(result).toMatchObject({ emergency: true, confidential: true });
  });

  it('flags personal details in any message and explains them', () => {
    const result = triage(comment('my number is 07700 900123, I live at 12 Church Road'));
    expect(result.personalDetails).toEqual(['phone', 'street-address']);
    expect(result.reasons).toContain('Personal details: phone number, street address');
  });

  it('asks for a private message or 101 when a crime is reported in a public comment', () => {
    const result = triage(comment('someone stole my bike from outside the library'));
    expect(result.reasons).toContain(
      'Crime reported in a public comment: ask them to message privately or ring 101',
    );
    expect(triage(dm('someone stole my bike from outside the library')).reasons.join(' ')).not.toContain(
      'public comment',
    );
  });

  it('gives a reason for every flag it raises', () => {
    const result = triage(comment('Fuck the police, ring me on 07700 900123'));
    expect(result.breaches).toEqual(['obscene']);
    expect(result.reasons.some((reason) => reason.startsWith('Breach – obscene'))).toBe(true);
    expect(result.reasons.some((reason) => reason.startsWith('Personal details'))).toBe(true);
    expect(result.reasons.some((reason) => reason.startsWith('English:'))).toBe(true);
    expect(result.reasons.some((reason) => reason.startsWith('Category:'))).toBe(true);
  });

  it('handles an empty message', () => {
    expect(triage(dm('   '))).toMatchObject({
      category: 'general-enquiry',
      emergency: false,
      reasons: ['Empty message'],
    });
  });

  it('is deterministic and always returns a valid result', () => {
    const input = comment('Mae dyn efo cyllell tu allan, help!! 07700 900123 f**k');
    const first = triage(input);
    expect(triage(input)).toEqual(first);
    expect(triageResultSchema.safeParse(first).success).toBe(true);
  });

  it('copes with the longest message the schema allows', () => {
    const text = 'my car was stolen and '.repeat(900).slice(0, 20000);
    const result = triage(dm(text));
    expect(result.category).toBe('stolen-vehicle');
  });
});
