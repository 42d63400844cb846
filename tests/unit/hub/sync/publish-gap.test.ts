import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPublishGap } from '../../../../src/hub/sync/publish-gap';

describe('the publish gap', () => {
  let clock = 0;
  const now = (): number => clock;
  const advance = (ms: number): void => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1_000;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a change after a quiet spell at once', () => {
    const sent: number[] = [];
    const gap = createPublishGap(() => sent.push(clock), 4, now);
    gap.request();
    expect(sent).toEqual([1_000]);
    advance(10);
    gap.request();
    expect(sent).toEqual([1_000, 1_010]);
  });

  it('sends everything asked for inside the gap once, when the gap ends', () => {
    const sent: number[] = [];
    const gap = createPublishGap(() => sent.push(clock), 4, now);
    gap.request();
    advance(1);
    gap.request();
    advance(1);
    gap.request();
    expect(sent).toEqual([1_000]);
    advance(2);
    expect(sent).toEqual([1_000, 1_004]);
    advance(20);
    expect(sent).toHaveLength(2);
  });

  it('flush sends what is waiting now, and nothing when nothing waits', () => {
    let sends = 0;
    const gap = createPublishGap(() => (sends += 1), 4, now);
    gap.flush();
    expect(sends).toBe(0);
    gap.request();
    gap.request();
    expect(sends).toBe(1);
    gap.flush();
    expect(sends).toBe(2);
    advance(10);
    expect(sends).toBe(2);
  });

  it('after stop, drops what waits and ignores requests', () => {
    let sends = 0;
    const gap = createPublishGap(() => (sends += 1), 4, now);
    gap.request();
    gap.request();
    gap.stop();
    advance(10);
    gap.request();
    expect(sends).toBe(1);
  });
});
