import { describe, expect, it } from 'vitest';
import { categorise } from '../../../../src/shared/triage';

describe('categorise', () => {
  it.each([
    ['someone smashed my shed door and took the mower', 'crime-report'],
    ['my boyfriend hits me when he drinks', 'domestic-abuse'],
    ['I was raped at a party', 'sexual-offence'],
    ['I know who is dealing drugs from the flats', 'intelligence'],
    ["my son hasn't come home and isn't answering", 'missing-person'],
    ['lorry driving dangerously on the M4', 'road-traffic'],
    ['my van has been stolen from the drive', 'stolen-vehicle'],
    ['youths throwing eggs at houses', 'anti-social-behaviour'],
    ['I got scammed buying a phone on marketplace', 'fraud-cyber'],
    ['any update on crime ref 2400123456?', 'update-request'],
    ['I want to complain about an officer', 'complaint'],
    ['what time does the front desk open?', 'general-enquiry'],
    ["mae fy nghar wedi'i ddwyn", 'stolen-vehicle'],
    ['mae fy mab ar goll', 'missing-person'],
    ['sgam ar-lein, wedi talu am gi bach', 'fraud-cyber'],
    ['oes diweddariad ar fy achos?', 'update-request'],
    ['dw i isio gwneud cwyn', 'complaint'],
    ['pobl ifanc yn taflu cerrig', 'anti-social-behaviour'],
  ] as const)('puts %j in %s', (text, category) => {
    const verdict = categorise(text);
    expect(verdict.category).toBe(category);
    expect(verdict.cues.length).toBeGreaterThan(0);
  });

  it('falls back to a general enquiry with no cues', () => {
    const verdict = categorise('hello');
    expect(verdict.category).toBe('general-enquiry');
    expect(verdict.cues).toEqual([]);
  });

  it('prefers the update request when someone chases a crime they already reported', () => {
    expect(categorise('I reported my car stolen last week, any update?').category).toBe('update-request');
  });

  it('prefers the more specific topic on a tie and reports the runner-up', () => {
    const verdict = categorise('my ex partner keeps turning up and he raped me');
    expect(verdict.category).toBe('sexual-offence');
    expect(verdict.runnerUp).toBe('domestic-abuse');
  });
});
