import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../src/shared/triage';

describe('detectLanguage', () => {
  it.each([
    ['Diolch', 'one Welsh word'],
    ['heddlu?', 'one Welsh word with punctuation'],
    ["car wedi'i ddwyn plis help", 'short, informal, English loanwords'],
    ['plîs helpwch fi', 'circumflex typed'],
    ['plis helpwch fi', 'circumflex not typed'],
    ['Mae rhywun wedi dwyn fy nghar', 'nasal mutation'],
    ['Helo, mae rhywun wedi dwyn my car from outside the house neithiwr', 'code-switched, mostly Welsh'],
    ['sud dw i n riportio hyn', 'misspelt, apostrophe dropped'],
    ['ma na ddyn tu allan', 'spoken forms'],
  ])('reads %j as Welsh (%s)', (text) => {
    expect(detectLanguage(text).language).toBe('cy');
  });

  it.each([
    ['hello is anyone there', 'plain English'],
    ['ok thanks', 'very short English'],
    ['sum1 nicked my bike 2day', 'text-speak'],
    [
      'Went to Llanfoist and Llanwenarth today, the lanes are full of potholes',
      'Welsh place names in English',
    ],
    ['My car was broken into last night, diolch', 'English with a Welsh sign-off'],
    [
      'Shwmae, just wanted to say thanks to the officers at the match, diolch yn fawr',
      'English with a Welsh greeting and thanks',
    ],
    ['', 'empty text defaults to English'],
  ])('reads %j as English (%s)', (text) => {
    expect(detectLanguage(text).language).toBe('en');
  });

  it('names the Welsh words it relied on', () => {
    const verdict = detectLanguage('Helo heddlu, diolch am eich help');
    expect(verdict.welshCues).toEqual(expect.arrayContaining(['heddlu', 'diolch']));
    expect(verdict.welshScore).toBeGreaterThan(verdict.englishScore);
  });
});
