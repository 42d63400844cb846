import { describe, expect, it } from 'vitest';
import { categorySchema } from '../../../../src/shared/domain/enums';
import { corpusPath, holdoutPath, loadCorpus } from './corpus';

// The corpus is the evidence that triage works; these checks keep it honest as it is edited.
describe('triage corpus', () => {
  const corpus = loadCorpus(corpusPath);
  const holdout = loadCorpus(holdoutPath);

  it('has at least 200 lines, 50 of them Welsh, with DMs and comments on both platforms', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((line) => line.expected.language === 'cy').length).toBeGreaterThanOrEqual(50);
    for (const kind of ['dm', 'comment'] as const) {
      expect(corpus.some((line) => line.kind === kind)).toBe(true);
    }
    for (const platform of ['facebook', 'x'] as const) {
      expect(corpus.some((line) => line.platform === platform)).toBe(true);
    }
  });

  it('covers every category, in English and in Welsh', () => {
    for (const category of categorySchema.options) {
      const lines = corpus.filter((line) => line.expected.category === category);
      expect(lines.length, category).toBeGreaterThanOrEqual(3);
      expect(
        lines.some((line) => line.expected.language === 'cy'),
        `${category} in Welsh`,
      ).toBe(true);
    }
  });

  it('has emergencies and near-misses in both languages', () => {
    for (const language of ['en', 'cy'] as const) {
      expect(
        corpus.filter((l) => l.expected.emergency && l.expected.language === language).length,
      ).toBeGreaterThanOrEqual(10);
      expect(
        corpus.filter((l) => l.nearMiss === true && l.expected.language === language).length,
      ).toBeGreaterThanOrEqual(5);
    }
    expect(corpus.filter((line) => line.nearMiss === true).every((line) => !line.expected.emergency)).toBe(
      true,
    );
  });

  it('keeps a separate held-out set of about 40 lines that shares no text with the corpus', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(35);
    const seen = new Set(corpus.map((line) => line.text));
    expect(holdout.filter((line) => seen.has(line.text))).toEqual([]);
    expect(holdout.some((line) => line.expected.emergency)).toBe(true);
    expect(holdout.some((line) => line.nearMiss === true)).toBe(true);
  });
});
