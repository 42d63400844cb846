import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  loginRequestSchema,
  type Health,
  type LoginRequest,
  type LoginResponse,
} from '../../shared/protocol';
import { BodyTooLargeError, readBody } from './body';
import { errorReply, jsonReply, type HubReply, type HubRequest } from './types';

export interface Routes {
  readonly health: () => Health;
  readonly login: (body: LoginRequest) => Promise<LoginResponse>;
  readonly metaWebhook: (req: HubRequest) => Promise<HubReply>;
  readonly xWebhook: (req: HubRequest) => Promise<HubReply>;
  /** Reports (`/api/reports/...`), for leads with a session token. */
  readonly reports?: (req: HubRequest) => Promise<HubReply>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, reply: HubReply): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  if ('json' in reply) {
    const body = JSON.stringify(reply.json);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  } else {
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(reply.text);
  }
}

async function route(routes: Routes, req: HubRequest): Promise<HubReply> {
  switch (req.path) {
    case '/healthz':
      return req.method === 'GET' ? jsonReply(200, routes.health()) : errorReply(405, 'method-not-allowed');
    case '/api/login': {
      if (req.method !== 'POST') return errorReply(405, 'method-not-allowed');
      let json: unknown;
      try {
        json = JSON.parse(req.body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const parsed = loginRequestSchema.safeParse(json);
      if (!parsed.success) {
        const reply: LoginResponse = {
          ok: false,
          error: 'invalid-request',
          message: 'Send JSON {name, password}.',
        };
        return jsonReply(400, reply);
      }
      const result = await routes.login(parsed.data);
      return jsonReply(result.ok ? 200 : result.error === 'locked' ? 429 : 401, result);
    }
    case '/webhooks/meta':
      return routes.metaWebhook(req);
    case '/webhooks/x':
      return routes.xWebhook(req);
    default:
      if (req.path.startsWith('/api/reports/') && routes.reports !== undefined) return routes.reports(req);
      return errorReply(404, 'not-found');
  }
}

/** node:http handler for everything that is not socket.io. */
export function createRequestHandler(
  routes: Routes,
  log: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // A target such as "//" is no URL at all: new URL would throw here, outside any promise,
    // and one request would take the whole hub down.
    const url = URL.parse(req.url ?? '/', 'http://hub.invalid');
    if (url === null) {
      req.resume();
      send(res, errorReply(400, 'bad-request', 'the request target is not a valid path'));
      return;
    }
    readBody(req, MAX_BODY_BYTES)
      .then((body) =>
        route(routes, {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        }),
      )
      .then(
        (reply) => {
          send(res, reply);
        },
        (error: unknown) => {
          if (error instanceof BodyTooLargeError) {
            // Stop reading the rest of an oversized upload.
            res.setHeader('connection', 'close');
            send(res, errorReply(413, 'body-too-large', error.message));
            return;
          }
          log(
            `[http] ${req.method ?? '?'} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          send(
            res,
            errorReply(500, 'internal-error', 'the hub could not handle this request; nothing was stored'),
          );
        },
      );
  };
}
