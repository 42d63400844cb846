import { describe, expect, it } from 'vitest';
import { createEmergencyNotifier } from '../../../src/main/emergency-notification';
import type { EmergencyItem, EmergencyState } from '../../../src/shared/ipc/channels/moderation';

function emergency(id: string, over: Partial<EmergencyItem> = {}): EmergencyItem {
  return {
    conversationId: id,
    platform: 'facebook',
    kind: 'dm',
    language: 'en',
    contactName: 'Sam',
    preview: 'Someone is breaking into the house next door',
    confidential: false,
    firstInboundAt: 1_700_000_000_000,
    ...over,
  };
}

const state = (alerting: boolean, emergencies: EmergencyItem[]): EmergencyState => ({
  alerting,
  emergencies,
});

describe('native emergency notifications', () => {
  it('announces each unclaimed emergency once, in Welsh and English, and again if it comes back', () => {
    const next = createEmergencyNotifier();
    const a = emergency('a');
    const secret = emergency('b', { confidential: true, platform: 'x' });
    expect(next(state(true, [a, secret]))).toEqual([
      'Argyfwng / Emergency: Someone is breaking into the house next door',
      'Argyfwng ar X: hawliwch ef nawr.\nEmergency on X: claim it now.',
    ]);
    expect(next(state(true, [a, secret]))).toEqual([]);
    // Claimed, then unclaimed again: announced again.
    expect(next(state(true, [secret]))).toEqual([]);
    expect(next(state(true, [a, secret]))).toHaveLength(1);
    // Not alerting (the operator is away): nothing.
    expect(next(state(false, [emergency('c')]))).toEqual([]);
  });
});
