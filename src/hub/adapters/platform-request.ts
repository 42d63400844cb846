import { PlatformError } from './types';

export type PlatformName = 'Graph API' | 'X API';
export type PlatformMethod = 'POST' | 'PUT' | 'DELETE';

/** How one platform is reached: where, with which credentials, and how its errors read. */
export interface PlatformEndpoint {
  readonly platform: PlatformName;
  /** The full URL for a path below the API root, with any credential the query must carry. */
  readonly url: (path: string) => URL;
  /** Sent with every call (e.g. the bearer token). */
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  /** Reads the platform's documented error body into one line; null when it is not one. */
  readonly describeError: (json: unknown) => string | null;
  /** Whether the platform's error body says the refusal passes (throttling), whatever the status. */
  readonly temporaryError?: (json: unknown) => boolean;
}

/** A JSON body, or a multipart form (fetch sets its content type). */
export type PlatformBody = { readonly json: unknown } | { readonly form: FormData };

export interface PlatformAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly json: unknown;
  readonly message: string;
}

/** Platform calls that hang are failures to retry, not a stuck worker. */
const TIMEOUT_MS = 15_000;

/**
 * One HTTP call to a platform. Network failures, 5xx/429 and refusals the platform's body
 * marks as temporary throw a retryable PlatformError; other answers are returned so the
 * caller can treat e.g. "already deleted" as success.
 */
export async function callPlatform(
  endpoint: PlatformEndpoint,
  method: PlatformMethod,
  path: string,
  body?: PlatformBody,
): Promise<PlatformAnswer> {
  let response: Response;
  try {
    response = await (endpoint.fetch ?? fetch)(endpoint.url(path), {
      method,
      headers: {
        ...(body !== undefined && 'json' in body ? { 'content-type': 'application/json' } : {}),
        ...endpoint.headers,
      },
      ...(body === undefined ? {} : { body: 'json' in body ? JSON.stringify(body.json) : body.form }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformError(
      `${endpoint.platform} unreachable: ${error instanceof Error ? error.message : String(error)}`,
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
  const message = response.ok ? '' : (endpoint.describeError(json) ?? text.slice(0, 200));
  const temporary =
    response.status >= 500 || response.status === 429 || endpoint.temporaryError?.(json) === true;
  if (!response.ok && temporary) {
    throw new PlatformError(`${endpoint.platform} ${response.status}: ${message}`, true);
  }
  return { status: response.status, ok: response.ok, json, message };
}

/** A refusal a retry cannot fix (bad request, missing target, no permission). */
export function refuse(answer: PlatformAnswer, platform: PlatformName): never {
  throw new PlatformError(`${platform} ${answer.status}: ${answer.message}`, false);
}

/** A call whose every refusal is final: resolves to the answer's JSON. */
export async function requestPlatform(
  endpoint: PlatformEndpoint,
  method: PlatformMethod,
  path: string,
  body?: PlatformBody,
): Promise<unknown> {
  const answer = await callPlatform(endpoint, method, path, body);
  if (!answer.ok) refuse(answer, endpoint.platform);
  return answer.json;
}

export const joinUrl = (baseUrl: string, path: string): URL =>
  new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
