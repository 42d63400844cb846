/**
 * Runs `send` when asked, but no more often than once per `gapMs`: a request inside the
 * gap is answered once, at its end, together with every other request made meanwhile.
 * A request after a quiet spell runs at once, so a lone change is not delayed.
 */
export interface PublishGap {
  /** Send now, or at the end of the current gap. */
  request(): void;
  /** Send now what is waiting for the gap to end (nothing if nothing is). */
  flush(): void;
  /** Drop what is waiting and ignore later requests. */
  stop(): void;
}

export function createPublishGap(
  send: () => void,
  gapMs: number,
  now: () => number = () => performance.now(),
): PublishGap {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const sendNow = (): void => {
    lastSentAt = now();
    send();
  };

  return {
    request() {
      if (stopped || timer !== null) return; // a send is already due and will carry this too
      const wait = lastSentAt + gapMs - now();
      if (wait <= 0) {
        sendNow();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        sendNow();
      }, wait);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      sendNow();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
