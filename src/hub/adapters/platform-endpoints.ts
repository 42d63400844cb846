import { z } from 'zod';
import { joinUrl, type PlatformAnswer, type PlatformEndpoint } from './platform-request';

/** The Graph API's documented error body: `{ error: { message, code, is_transient } }`. */
const graphErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/**
 * Graph error codes Meta's "Handling Errors" and "Rate Limits" pages say to wait out and
 * retry: 4, 17, 32, 341 and 613 (app, user, Page and custom throttling) and 80000–80014
 * (business use case rate limits, which Page tokens are under), all refused before anything
 * is done; and 1 and 2 (temporary downtime), after which a post may or may not exist.
 * Throttling comes back as a 4xx, so the status alone would make a reply give up at once.
 */
const GRAPH_THROTTLING_CODES = new Set([4, 17, 32, 341, 613]);
const GRAPH_DOWNTIME_CODES = new Set([1, 2]);
const graphThrottled = (code: number): boolean =>
  GRAPH_THROTTLING_CODES.has(code) || (code >= 80000 && code <= 80014);

/** The X API v2 problem body: `{ title, detail }`. */
const xErrorSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

export interface GraphCredentials {
  /** e.g. https://graph.facebook.com/v21.0 */
  readonly baseUrl: string;
  readonly pageAccessToken: string;
  readonly fetch?: typeof fetch;
}

export interface XCredentials {
  /** e.g. https://api.x.com */
  readonly baseUrl: string;
  /** OAuth 2.0 user-context token. */
  readonly accessToken: string;
  readonly fetch?: typeof fetch;
}

/** Facebook takes the Page token in the query string (`access_token`). */
export function graphEndpoint(config: GraphCredentials): PlatformEndpoint {
  return {
    platform: 'Graph API',
    url: (path) => {
      const url = joinUrl(config.baseUrl, path);
      url.searchParams.set('access_token', config.pageAccessToken);
      return url;
    },
    headers: {},
    fetch: config.fetch,
    describeError: (json) => {
      const parsed = graphErrorSchema.safeParse(json);
      return parsed.success ? parsed.data.error.message : null;
    },
    temporaryError: (json) => {
      const parsed = graphErrorSchema.safeParse(json);
      if (!parsed.success) return null;
      const { code, is_transient: transient } = parsed.data.error;
      if (code !== undefined && graphThrottled(code)) return 'throttled';
      if (transient === true || (code !== undefined && GRAPH_DOWNTIME_CODES.has(code))) return 'transient';
      return null;
    },
  };
}

/** Graph error code 100 ("does not exist"), or a plain 404: the object is gone. */
export function graphObjectGone(answer: PlatformAnswer): boolean {
  if (answer.status === 404) return true;
  const parsed = graphErrorSchema.safeParse(answer.json);
  return (
    parsed.success && parsed.data.error.code === 100 && /does not exist/i.test(parsed.data.error.message)
  );
}

/** X takes the user-context token as a bearer header. */
export function xEndpoint(config: XCredentials): PlatformEndpoint {
  return {
    platform: 'X API',
    url: (path) => joinUrl(config.baseUrl, path),
    headers: { authorization: `Bearer ${config.accessToken}` },
    fetch: config.fetch,
    describeError: (json) => {
      const parsed = xErrorSchema.safeParse(json);
      return parsed.success ? (parsed.data.detail ?? parsed.data.title ?? null) : null;
    },
  };
}
