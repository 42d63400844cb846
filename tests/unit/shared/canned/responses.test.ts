import { describe, expect, it } from 'vitest';
import {
  CANNED_RESPONSES,
  cannedFor,
  cannedIdSchema,
  cannedResponse,
  cannedTitle,
  suggestCanned,
} from '../../../../src/shared/canned/responses';
import { checkLength } from '../../../../src/shared/text/platform-limits';
import { detectLanguage, triage } from '../../../../src/shared/triage';

describe('canned responses', () => {
  it('has exactly one entry for every id', () => {
    expect(CANNED_RESPONSES.map((response) => response.id).sort()).toEqual(
      [...cannedIdSchema.options].sort(),
    );
  });

  it.each(cannedIdSchema.options)(
    '%s has titles and texts in both languages that read as those languages',
    (id) => {
      const response = cannedResponse(id);
      expect(response.title.en).not.toBe(response.title.cy);
      expect(response.text.en).not.toBe(response.text.cy);
      expect(detectLanguage(response.text.en).language).toBe('en');
      expect(detectLanguage(response.text.cy).language).toBe('cy');
      expect(cannedTitle(id, 'cy')).toBe(response.title.cy);
    },
  );

  it.each(cannedIdSchema.options)('%s fits a single public reply on X in both languages', (id) => {
    for (const language of ['en', 'cy'] as const) {
      expect(checkLength('x', 'comment', cannedFor(id, language)).fits).toBe(true);
    }
  });

  it('gives the numbers and addresses the public are told to use', () => {
    for (const language of ['en', 'cy'] as const) {
      expect(cannedFor('emergency-999', language)).toContain('999');
      expect(cannedFor('non-urgent-101', language)).toContain('101');
      expect(cannedFor('fraud-action-fraud', language)).toContain('actionfraud.police.uk');
      expect(cannedFor('fraud-action-fraud', language)).toContain('0300 123 2040');
      expect(cannedFor('crime-in-comment', language)).toContain('101');
      expect(cannedFor('out-of-hours', language)).toContain('999');
    }
    expect(cannedFor('message-privately', 'cy')).toContain('neges breifat');
    expect(cannedFor('personal-details-hidden', 'en')).toMatch(/personal details/);
  });

  it('refuses an unknown id with a clear error', () => {
    expect(() => cannedFor('no-such-reply', 'en')).toThrow("unknown canned response 'no-such-reply'");
  });

  it('suggests the reply that fits a triaged message', () => {
    const emergency = triage({ text: 'he has a knife and says he will kill me', platform: 'x', kind: 'dm' });
    expect(suggestCanned({ ...emergency, kind: 'dm' })).toBe('emergency-999');
    const crimeComment = triage({
      text: 'someone stole my bike from the station',
      platform: 'facebook',
      kind: 'comment',
    });
    expect(suggestCanned({ ...crimeComment, kind: 'comment' })).toBe('crime-in-comment');
    const details = triage({ text: 'ring me on 07700 900123', platform: 'facebook', kind: 'comment' });
    expect(suggestCanned({ ...details, kind: 'comment' })).toBe('personal-details-hidden');
    const fraud = triage({ text: 'I have been scammed on marketplace', platform: 'facebook', kind: 'dm' });
    expect(suggestCanned({ ...fraud, kind: 'dm' })).toBe('fraud-action-fraud');
    const thanks = triage({ text: 'thanks for your help', platform: 'facebook', kind: 'comment' });
    expect(suggestCanned({ ...thanks, kind: 'comment' })).toBeNull();
  });
});
