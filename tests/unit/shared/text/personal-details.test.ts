import { describe, expect, it } from 'vitest';
import { findPersonalDetails, personalDetailKinds } from '../../../../src/shared/text/personal-details';

describe('personal details', () => {
  it.each([
    ['call me on 07700 900123', 'phone', '07700 900123'],
    ['07700900123', 'phone', '07700900123'],
    ['ring +44 7700 900123', 'phone', '+44 7700 900123'],
    ['landline (01633) 123456', 'phone', '(01633) 123456'],
    ['029 2022 1234 is my work number', 'phone', '029 2022 1234'],
    ['email jo.bloggs+police@example.co.uk', 'email', 'jo.bloggs+police@example.co.uk'],
    ['I live in NP20 1AB', 'postcode', 'NP20 1AB'],
    ['postcode np44 3xr', 'postcode', 'np44 3xr'],
    ['CF101AA', 'postcode', 'CF101AA'],
    ['white van AB12 CDE', 'vehicle-registration', 'AB12 CDE'],
    ['reg wx19abc', 'vehicle-registration', 'wx19abc'],
    ['old plate R123 ABC', 'vehicle-registration', 'R123 ABC'],
    ['at 12 Church Road', 'street-address', '12 Church Road'],
    ['14a mill st', 'street-address', '14a mill st'],
    ['yn 5 Heol y Frenhines', 'street-address', '5 Heol y Frenhines'],
    ['Flat 3 above the shop', 'street-address', 'Flat 3'],
  ] as const)('finds a %s in %j', (text, kind, found) => {
    expect(findPersonalDetails(text)).toContainEqual(expect.objectContaining({ kind, text: found }));
  });

  it.each([
    'ring 999 or 101',
    'crime ref 2400123456',
    'on the M4 near junction 24',
    'the A465 is closed',
    'meet b4 5pm',
    '2 people on the road',
    'I waited 40 minutes on the phone',
    'in 2019 my car was hit',
    '3 lads down the lane',
  ])('finds nothing personal in %j', (text) => {
    expect(findPersonalDetails(text)).toEqual([]);
  });

  it('lists each kind once, in a stable order', () => {
    expect(
      personalDetailKinds('12 Church Road NP20 1AB, 07700 900123 or 07700 900456, me@example.com'),
    ).toEqual(['phone', 'email', 'postcode', 'street-address']);
  });

  it('reports matches in the order they appear with their positions', () => {
    const text = 'van AB12 CDE at NP20 1AB';
    const matches = findPersonalDetails(text);
    expect(matches.map((match) => match.kind)).toEqual(['vehicle-registration', 'postcode']);
    for (const match of matches)
      expect(text.slice(match.index, match.index + match.text.length)).toBe(match.text);
  });
});
