import { describe, expect, it } from 'vitest';
import { triage } from '../../../../src/shared/triage';
import { reasonInWelsh } from '../../../../src/shared/triage/reasons-cy';
import { corpusPath, holdoutPath, loadCorpus } from './corpus';

describe('triage reasons in Welsh', () => {
  it('translates every reason triage gives over the whole corpus and the holdout', () => {
    const untranslated = new Set<string>();
    let count = 0;
    for (const file of [corpusPath, holdoutPath]) {
      for (const line of loadCorpus(file)) {
        for (const reason of triage(line).reasons) {
          count += 1;
          if (reasonInWelsh(reason) === reason) untranslated.add(reason);
        }
      }
    }
    expect(count).toBeGreaterThan(600);
    expect([...untranslated]).toEqual([]);
  });

  it('translates the frame and labels and keeps the words quoted from the message', () => {
    expect(reasonInWelsh("Emergency: weapon present ('efo cyllell')")).toBe(
      "Argyfwng: arf yn bresennol ('efo cyllell')",
    );
    expect(reasonInWelsh('Priority urgent: emergency')).toBe('Blaenoriaeth brys: argyfwng');
    expect(reasonInWelsh('Personal details: phone number, postcode')).toBe(
      'Manylion personol: rhif ffôn, cod post',
    );
    expect(reasonInWelsh("Category: stolen vehicle ('car', 'stolen')")).toBe(
      "Categori: cerbyd wedi’i ddwyn ('car', 'stolen')",
    );
  });

  it('leaves a reason in no known format as it is', () => {
    expect(reasonInWelsh('Something new the hub says')).toBe('Something new the hub says');
  });
});
