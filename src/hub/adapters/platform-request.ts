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
  /**
   * Whether the platform's error body says the refusal passes, whatever the status:
   * `throttled` (refused before anything was done) or `transient` (downtime: done or not,
   * as the status says).
   */
  readonly temporaryError?: (json: unknown) => 'throttled' | 'transient' | null;
}

/** A JSON body, or a multipart form (fetch sets its content type). */
export type PlatformBody = { readonly json: unknown } | { readonly form: FormData };

export interface PlatformAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly json: unknown;
  readonly message: string;
}

/** Platform calls that hang are failures, not a stuck worker. */
const TIMEOUT_MS = 15_000;

/**
 * Network failures that happen before the request can reach the platform: nothing was
 * done there, so going again is safe. Any other failure (a timeout, a link reset after the
 * request went) leaves the outcome unknown.
 */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function failedBeforeSending(error: unknown): boolean {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : null;
  return code !== null && BEFORE_SENDING.has(code);
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One HTTP call to a platform. Network failures, 5xx/429 and refusals the platform's body
 * marks as temporary throw a retryable PlatformError; other answers are returned so the
 * caller can treat e.g. "already deleted" as success. The error says whether the platform
 * may have acted all the same (`unsure`): a timeout, a link lost after the request went, a
 * success whose body never arrived, or a 5xx. A 429 or a throttling refusal is a refusal
 * before doing anything.
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
    const before = failedBeforeSending(error);
    throw new PlatformError(
      before
        ? `${endpoint.platform} unreachable: ${reasonOf(error)}`
        : `${endpoint.platform} did not answer (${reasonOf(error)}); it may have acted`,
      true,
      before ? 'no' : 'no-answer',
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new PlatformError(
      `${endpoint.platform} ${String(response.status)}: the answer was cut off (${reasonOf(error)})`,
      true,
      'no-answer',
    );
  }
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the message below falls back to the raw text.
  }
  const message = response.ok ? '' : (endpoint.describeError(json) ?? text.slice(0, 200));
  const temporary = response.ok ? null : (endpoint.temporaryError?.(json) ?? null);
  const throttled = response.status === 429 || temporary === 'throttled';
  if (!response.ok && (throttled || temporary === 'transient' || response.status >= 500)) {
    throw new PlatformError(
      `${endpoint.platform} ${response.status}: ${message}`,
      true,
      !throttled && response.status >= 500 ? 'server-error' : 'no',
    );
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
