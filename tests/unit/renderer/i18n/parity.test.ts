import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { areasCy, areasEn } from '../../../../src/renderer/src/i18n/areas';
import { cy } from '../../../../src/renderer/src/i18n/cy';
import { en } from '../../../../src/renderer/src/i18n/en';

/** Every leaf key, with i18next plural suffixes folded (Welsh has six forms, English two). */
function keysOf(tree: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (typeof tree !== 'object' || tree === null) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') out.add(path);
    else for (const inner of keysOf(value, `${path}.`)) out.add(inner);
  }
  return out;
}

function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

describe('the console speaks English and Welsh alike', () => {
  const english = { ...en, ...areasEn };
  const welsh = { ...cy, ...areasCy };

  it('has a Welsh string for every English one, and no Welsh string without an English one', () => {
    const enKeys = keysOf(english);
    const cyKeys = keysOf(welsh);
    expect([...enKeys].filter((k) => !cyKeys.has(k))).toEqual([]);
    expect([...cyKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect(enKeys.size).toBeGreaterThan(300);
  });

  it('says "1 hour" and "2 hours" in English, "1 awr" and "2 awr" in Welsh', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      resources: { en: { translation: english }, cy: { translation: welsh } },
      interpolation: { escapeValue: false },
    });
    const texts = (lng: string) =>
      [1, 2]
        .map((count) => i18n.t('counts.hours', { lng, count }))
        .concat(i18n.t('counts.conversationsMoved', { lng, count: 1 }));
    expect(texts('en')).toEqual(['1 hour', '2 hours', 'Moved 1 conversation.']);
    expect(texts('cy')).toEqual(['1 awr', '2 awr', 'Symudwyd 1 sgwrs.']);
  });

  it('gives Welsh plural strings every form Welsh needs', () => {
    const welshLeaves = new Set(leaves(welsh).map(([key]) => key));
    const pluralBases = new Set(
      leaves(english)
        .map(([key]) => /^(.*)_(one|other)$/.exec(key)?.[1])
        .filter((base): base is string => base !== undefined),
    );
    for (const base of pluralBases) {
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) {
        expect(welshLeaves.has(`${base}_${form}`), `${base}_${form}`).toBe(true);
      }
    }
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const welshByKey = new Map(
      leaves(welsh).map(([key, value]) => [key.replace(/_(zero|one|two|few|many|other)$/, ''), value]),
    );
    const mismatched = leaves(english)
      .map(([key, value]) => [key.replace(/_(one|other)$/, ''), value] as const)
      .filter(([key, value]) => {
        const other = welshByKey.get(key);
        return other !== undefined && placeholders(other).join() !== placeholders(value).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
