import { PlatformError } from './types';

export interface PlatformCall {
  readonly platform: 'Graph API' | 'X API';
  readonly url: URL;
  readonly method: 'POST' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | FormData;
  readonly fetch?: typeof fetch;
  /** Reads the platform's error body into one line. */
  readonly describeError: (json: unknown) => string | null;
}

export interface PlatformAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly json: unknown;
  readonly message: string;
}

/**
 * One HTTP call to a platform. Network failures and 5xx/429 are retryable; other answers
 * are returned so the caller can treat e.g. "already deleted" as success.
 */
export async function callPlatform(call: PlatformCall): Promise<PlatformAnswer> {
  let response: Response;
  try {
    response = await (call.fetch ?? fetch)(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new PlatformError(
      `${call.platform} unreachable: ${error instanceof Error ? error.message : String(error)}`,
      true,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the message below falls back to the raw text.
  }
  const message = response.ok ? '' : (call.describeError(json) ?? text.slice(0, 200));
  if (!response.ok && (response.status >= 500 || response.status === 429)) {
    throw new PlatformError(`${call.platform} ${response.status}: ${message}`, true);
  }
  return { status: response.status, ok: response.ok, json, message };
}

export function refuse(answer: PlatformAnswer, platform: PlatformCall['platform']): never {
  throw new PlatformError(`${platform} ${answer.status}: ${answer.message}`, false);
}
