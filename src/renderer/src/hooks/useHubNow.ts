import { useEffect, useState } from 'react';

/**
 * Hub time, ticking once a second. Countdowns use it rather than the workstation clock,
 * so a wrong local clock cannot hide a breach. A new offset shows from the next tick.
 */
export function useHubNow(clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now() + clockOffsetMs);
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [clockOffsetMs]);
  return now;
}
