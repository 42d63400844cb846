import { PlatformError } from '../adapters/types';

export interface RetryPolicy {
  /** After this many failed attempts the job gives up and a person is told. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; it doubles each time after. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Errors that are not a PlatformError (a bug, a missing row): retry them like a network
   * failure, or give up at once.
   */
  readonly unknownErrors: 'retry' | 'give-up';
}

/** How long to wait after the `attempts`-th failure (1 = the first). */
export const backoffMs = (policy: RetryPolicy, attempts: number): number =>
  Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempts - 1));

export interface FailedAttempt {
  readonly text: string;
  /** Attempts made so far, including this one. */
  readonly attempts: number;
  readonly giveUp: boolean;
  /** Wait before the next attempt (meaningless when giving up). */
  readonly retryInMs: number;
}

/** What one failure means for the job: its message, and whether and when to go again. */
export function assessFailure(error: unknown, previousAttempts: number, policy: RetryPolicy): FailedAttempt {
  const attempts = previousAttempts + 1;
  const retryable = error instanceof PlatformError ? error.retryable : policy.unknownErrors === 'retry';
  return {
    text: error instanceof Error ? error.message : String(error),
    attempts,
    giveUp: !retryable || attempts >= policy.maxAttempts,
    retryInMs: backoffMs(policy, attempts),
  };
}
