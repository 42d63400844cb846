import { describe, expect, it } from 'vitest';
import {
  addClockSample,
  computeSla,
  estimateClockOffset,
  formatCountdown,
  hubNow,
  sampleOffset,
  type ClockSample,
} from '../../../../src/shared/sla';
import { MIN, SEC, T0, defaultPolicies } from './fixtures';
import { inbound, timeline } from './timeline-builders';

/** A workstation whose clock reads `skewMs` ahead of the hub, talking over a link with these round trips. */
function samplesFrom(skewMs: number, roundTrips: number[], hubStart: number): ClockSample[] {
  let hub = hubStart;
  return roundTrips.map((rtt) => {
    const sentAt = hub + skewMs;
    // The hub stamps its reply half way through; the link is symmetric.
    const sample = { sentAt, hubTime: hub + rtt / 2, receivedAt: sentAt + rtt };
    hub += 5 * SEC;
    return sample;
  });
}

describe('clock offset', () => {
  it('is hub time minus the round-trip midpoint', () => {
    expect(sampleOffset({ sentAt: 1000, receivedAt: 1100, hubTime: 5050 })).toBe(4000);
    expect(sampleOffset({ sentAt: 1100, receivedAt: 1000, hubTime: 5050 })).toBeNull();
    expect(hubNow(1_000, -250)).toBe(750);
  });

  it('shows the true countdown on a workstation whose clock is 10 minutes fast', () => {
    const skew = 10 * MIN;
    const samples = samplesFrom(skew, [40, 35, 60, 38, 900, 41], T0);
    const offset = estimateClockOffset(samples);
    expect(offset).toBe(-skew);

    const conversation = timeline('crime', [inbound(T0)]);
    const policies = defaultPolicies();
    const trueHubTime = T0 + 4 * MIN;
    const workstationClock = trueHubTime + skew;
    if (offset === null) throw new Error('no offset');
    const shown = computeSla(conversation, policies, hubNow(workstationClock, offset));
    expect(formatCountdown(shown.remainingMs ?? Number.NaN)).toBe('11m 00s');
    // Using the wrong local clock would have shown the conversation 10 minutes nearer breach.
    const naive = computeSla(conversation, policies, workstationClock);
    expect(formatCountdown(naive.remainingMs ?? Number.NaN)).toBe('1m 00s');
  });

  it('also corrects a clock that is slow', () => {
    expect(estimateClockOffset(samplesFrom(-10 * MIN, [20, 30, 25], T0))).toBe(10 * MIN);
  });

  it('takes the median, so one slow asymmetric round trip does not move it', () => {
    const good = samplesFrom(0, [40, 40, 40, 40], T0);
    // A reply stuck in a queue on the way back: hub stamped early, arrived 3 s later.
    const stuck: ClockSample = {
      sentAt: T0 + 30 * SEC,
      hubTime: T0 + 30 * SEC + 20,
      receivedAt: T0 + 33 * SEC,
    };
    expect(sampleOffset(stuck)).toBe(-1480);
    expect(estimateClockOffset([...good, stuck])).toBe(0);
  });

  it('looks only at the most recent samples, so a corrected workstation clock is followed', () => {
    let samples: ClockSample[] = [];
    for (const s of samplesFrom(5 * MIN, [30, 30, 30, 30, 30, 30, 30, 30], T0))
      samples = addClockSample(samples, s);
    expect(estimateClockOffset(samples)).toBe(-5 * MIN);
    // Windows time sync fixes the clock: after enough new samples the estimate follows.
    for (const s of samplesFrom(0, [30, 30, 30, 30, 30], T0 + MIN)) samples = addClockSample(samples, s);
    expect(samples).toHaveLength(8);
    expect(estimateClockOffset(samples)).toBe(0);
  });

  it('has no estimate without a usable sample', () => {
    expect(estimateClockOffset([])).toBeNull();
    expect(estimateClockOffset([{ sentAt: 10, receivedAt: 5, hubTime: 7 }])).toBeNull();
  });
});

describe('formatCountdown', () => {
  it.each([
    [4 * MIN + 5 * SEC, '4m 05s'],
    [4 * MIN + 4 * SEC + 1, '4m 05s'],
    [59 * SEC, '0m 59s'],
    [0, '0m 00s'],
    [-(2 * MIN + 10 * SEC), '-2m 10s'],
    [-(2 * MIN + 10 * SEC + 900), '-2m 10s'],
    [-400, '0m 00s'],
    [62 * MIN, '1h 02m'],
    [-(3 * 60 + 5) * MIN, '-3h 05m'],
    [(26 * 60 + 30) * MIN, '1d 02h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
