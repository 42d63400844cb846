import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../../src/shared/triage';

describe('detectEmergency', () => {
  it.each([
    ["he says he's going to kill me", 'threat to kill'],
    ['my ex is outside with a knife', 'weapon present'],
    ['man waving an axe at people in the car park', 'weapon present'],
    ['shes strangling him on the landing', 'violence in progress'],
    ['Help my ex has broken in and is hitting me right now', 'violence in progress'],
    ['he came back and is still kicking the kids', 'violence in progress'],
    ['someone is breaking in downstairs', 'intruder'],
    ['im going to kill myself', 'self-harm intent'],
    ['baby locked in a car outside Asda', 'child in danger'],
    ['car crash, the driver is trapped and bleeding', 'crash with injuries'],
    ["my mum isn't breathing", 'life at risk'],
    ["mae o'n mynd i'n lladd i", 'threat to kill'],
    ['mae dyn efo cyllell yn y siop', 'weapon present'],
    ["mae o'n fy nghuro i", 'violence in progress'],
    ['dwi isio marw', 'self-harm intent'],
    ['damwain, dyn yn anymwybodol ar y ffordd', 'crash with injuries'],
  ])('flags %j as %s', (text, kind) => {
    const verdict = detectEmergency(text);
    expect(verdict.emergency).toBe(true);
    expect(verdict.kinds).toContain(kind);
    expect(verdict.reasons.some((reason) => reason.startsWith(`Emergency: ${kind} (`))).toBe(true);
  });

  it.each([
    'this queue is killing me',
    "I'm dying to know what the helicopter was for",
    'you guys are killing it with these posts',
    "my mum's going to kill me when she sees the car lol",
    'could murder a pint after that',
    'mae’r ciw yma’n fy lladd i',
    "dw i'n marw isio gwybod",
  ])('treats the figure of speech %j as no emergency', (text) => {
    const verdict = detectEmergency(text);
    expect(verdict.emergency).toBe(false);
    expect(verdict.reasons.join(' ')).toMatch(/Figure of speech ignored|Joking tone/);
  });

  it.each([
    'He threatened to kill me three years ago and I never reported it',
    'there was a man with a knife outside the shop last week',
    'someone has been stabbed outside the club, it happened yesterday',
    'mae o wedi bygwth fy lladd i flynyddoedd yn ôl',
  ])('treats the past event %j as no emergency, and says why', (text) => {
    const verdict = detectEmergency(text);
    expect(verdict.emergency).toBe(false);
    expect(verdict.reasons.join(' ')).toContain('Not an emergency: past event');
  });

  it('does not take an ache for an assault', () => {
    expect(detectEmergency('my back is hurting me after that shift').emergency).toBe(false);
  });

  it.each(['I was stabbed in 2015, is the case still open?', 'cafodd fy mrawd ei drywanu flynyddoedd yn ôl'])(
    'does not flag the past-tense report %j',
    (text) => {
      expect(detectEmergency(text).emergency).toBe(false);
    },
  );

  it('still flags a past threat when the danger is back now', () => {
    expect(
      detectEmergency('he threatened to kill me last week and now he is outside my house').emergency,
    ).toBe(true);
  });

  it('does not flag a crash where nobody is hurt', () => {
    expect(detectEmergency('small crash at the lights, nobody hurt').emergency).toBe(false);
    expect(detectEmergency('damwain fach, neb wedi brifo').emergency).toBe(false);
  });

  it.each([
    'I am worried about knife crime in town',
    'suicide awareness week, well done all',
    'kids playing in the road every night',
  ])('does not flag general worry %j', (text) => {
    expect(detectEmergency(text).emergency).toBe(false);
  });
});
