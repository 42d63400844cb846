import { describe, expect, it } from 'vitest';
import {
  characterLimit,
  checkLength,
  countCharacters,
  X_URL_LENGTH,
} from '../../../../src/shared/text/platform-limits';

describe('platform limits', () => {
  it('knows each platform’s limit for each kind of reply', () => {
    expect(characterLimit('x', 'comment')).toBe(280);
    expect(characterLimit('x', 'dm')).toBe(10_000);
    expect(characterLimit('facebook', 'comment')).toBe(8_000);
    expect(characterLimit('facebook', 'dm')).toBe(2_000);
  });

  it('counts plain text one per character', () => {
    expect(countCharacters('x', 'comment', 'Ffoniwch 101')).toBe(12);
    expect(countCharacters('facebook', 'comment', 'Ffoniwch 101')).toBe(12);
  });

  it('counts every URL on X as 23, however long', () => {
    expect(countCharacters('x', 'comment', 'https://example.com')).toBe(X_URL_LENGTH);
    expect(countCharacters('x', 'comment', `see https://www.gwent.police.uk/${'a'.repeat(80)}`)).toBe(
      4 + X_URL_LENGTH,
    );
    expect(countCharacters('x', 'comment', 'go to actionfraud.police.uk.')).toBe(6 + X_URL_LENGTH + 1);
    expect(countCharacters('x', 'comment', 'a http://t.co b www.x.com')).toBe(
      2 + X_URL_LENGTH + 3 + X_URL_LENGTH,
    );
  });

  it('does not shorten URLs on Facebook', () => {
    expect(countCharacters('facebook', 'comment', 'https://example.com')).toBe(19);
  });

  it('counts emoji as 2 on X, including joined sequences', () => {
    expect(countCharacters('x', 'comment', '👍')).toBe(2);
    expect(countCharacters('x', 'comment', '👨‍👩‍👧‍👦')).toBe(2);
    expect(countCharacters('x', 'comment', 'da iawn 👏🏽')).toBe(10);
  });

  it('counts Welsh accented letters once, whether typed composed or decomposed', () => {
    expect(countCharacters('x', 'comment', 'tŷ')).toBe(2);
    expect(countCharacters('x', 'comment', 'ty\u0302')).toBe(2);
    expect(countCharacters('facebook', 'dm', 'ty\u0302')).toBe(2);
  });

  it('counts CJK characters as 2 on X', () => {
    expect(countCharacters('x', 'comment', '警察')).toBe(4);
  });

  it('reports whether a reply fits and what is left', () => {
    expect(checkLength('x', 'comment', 'a'.repeat(280))).toEqual({
      count: 280,
      limit: 280,
      remaining: 0,
      fits: true,
    });
    expect(checkLength('x', 'comment', 'a'.repeat(281)).fits).toBe(false);
    expect(checkLength('x', 'comment', `${'a'.repeat(257)} https://example.com/long/path`).count).toBe(281);
    expect(checkLength('facebook', 'dm', 'a'.repeat(2001)).fits).toBe(false);
    expect(checkLength('x', 'dm', 'a'.repeat(10_000)).fits).toBe(true);
  });
});
