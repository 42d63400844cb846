import { describe, expect, it } from 'vitest';
import { broadcastProblems, checkPosts, postsFor } from '../../../../src/shared/broadcasts/rules';
import { BROADCAST_TEMPLATES, unfilledFields } from '../../../../src/shared/broadcasts/templates';
import { broadcastTemplateIdSchema } from '../../../../src/shared/protocol/entities-broadcasts';

describe('broadcast templates', () => {
  it('has every template, each in English and Welsh (the free post starts empty)', () => {
    expect(BROADCAST_TEMPLATES.map((t) => t.id).sort()).toEqual(
      [...broadcastTemplateIdSchema.options].sort(),
    );
    for (const template of BROADCAST_TEMPLATES) {
      if (template.id === 'free') continue;
      expect(template.en.trim()).not.toBe('');
      expect(template.cy.trim()).not.toBe('');
      expect(template.cy).not.toBe(template.en);
    }
  });

  it('tells the 999 message in both languages where it matters', () => {
    for (const id of ['major-incident', 'missing-appeal', 'out-of-hours'] as const) {
      const template = BROADCAST_TEMPLATES.find((t) => t.id === id);
      expect(template?.en).toMatch(/ring 999/);
      expect(template?.cy).toMatch(/ffoniwch 999/);
    }
    expect(BROADCAST_TEMPLATES.find((t) => t.id === 'out-of-hours')?.en).toMatch(/not monitored until 07:00/);
  });

  it('fits each filled-in template on X', () => {
    for (const template of BROADCAST_TEMPLATES) {
      const fill = (text: string) => text.replace(/\[[^\]]+\]/g, 'Newport');
      for (const check of checkPosts('x', fill(template.en), fill(template.cy)))
        expect(check.fits).toBe(true);
    }
  });

  it('finds fields still to fill in', () => {
    expect(unfilledFields('Mae [ffordd] ar gau rhwng [o] a [i]. [o]')).toEqual(['[ffordd]', '[o]', '[i]']);
    expect(unfilledFields('Nothing to fill')).toEqual([]);
  });
});

describe('broadcast rules', () => {
  it('puts Welsh first on Facebook and posts each language on its own on X', () => {
    expect(postsFor('facebook', 'Road closed', 'Ffordd ar gau')).toEqual([
      { part: 'bilingual', text: 'Ffordd ar gau\n\nRoad closed' },
    ]);
    expect(postsFor('x', 'Road closed', 'Ffordd ar gau').map((p) => p.part)).toEqual(['cy', 'en']);
  });

  it('counts a link as 23 on X whatever its length', () => {
    const link =
      'https://www.gwent.police.uk/a/very/long/path/that/is/much/longer/than/twenty-three/characters';
    const [cy] = checkPosts('x', 'x', link);
    expect(cy?.count).toBe(23);
  });

  it('refuses a broadcast without Welsh, English, a channel, or that is too long for X', () => {
    expect(broadcastProblems({ textEn: 'Road closed', textCy: ' ', channels: ['facebook'] })).toEqual([
      'welsh-missing',
    ]);
    expect(broadcastProblems({ textEn: '', textCy: 'Ffordd ar gau', channels: ['x'] })).toEqual([
      'english-missing',
    ]);
    expect(broadcastProblems({ textEn: 'a', textCy: 'b', channels: [] })).toEqual(['no-channel']);
    expect(broadcastProblems({ textEn: 'a'.repeat(281), textCy: 'b', channels: ['x'] })).toEqual([
      'too-long',
    ]);
    expect(broadcastProblems({ textEn: 'a'.repeat(281), textCy: 'b', channels: ['facebook'] })).toEqual([]);
  });
});
