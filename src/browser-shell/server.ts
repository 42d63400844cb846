import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createDispatcher, type HandlerTable } from '../shared/ipc/dispatch';
import { eventContract, type EventName, type EventPayload } from '../shared/ipc/events';
import {
  BRIDGE_PATH,
  TOKEN_PARAM,
  bridgeRequestSchema,
  type BridgeServerFrame,
} from '../shared/ipc/ws-frames';
import { newLaunchToken, tokenMatches } from './token';

export interface BrowserShellOptions {
  readonly rendererDir: string;
  readonly handlers: HandlerTable;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface BrowserShell {
  /** Open this in Chromium: the token rides in the fragment, which is never sent to a server. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function refuse(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Runs the console's main-side handler table under plain Node and serves the built
 * renderer to a browser on loopback. Only a WebSocket that presents this launch's
 * token, from this shell's own origin, reaches the handlers.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? newLaunchToken();
  const log = options.log ?? (() => undefined);
  const serveStatic = sirv(options.rendererDir, {
    dev: false,
    etag: true,
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  });
  const server: Server = createServer((req, res) => {
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const clients = new Set<WebSocket>();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;

  const dispatch = createDispatcher(options.handlers, {
    isTrustedSender: (sender) => sender.isMainFrame && sender.url.startsWith(`${origin}/`),
    onInternalError: (channel, error) => {
      log(`[bridge] ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // URL.parse gives null for a target such as "//"; new URL would throw here and end the process.
    const url = URL.parse(req.url ?? '/', origin);
    if (url?.pathname !== BRIDGE_PATH) {
      refuse(socket, '404 Not Found');
      return;
    }
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
      log('[bridge] refused a connection without the launch token');
      refuse(socket, '401 Unauthorized');
      return;
    }
    if (req.headers.origin !== origin) {
      log(`[bridge] refused a connection from origin ${String(req.headers.origin)}`);
      refuse(socket, '403 Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void handleFrame(ws, Buffer.isBuffer(data) ? data.toString('utf8') : '');
      });
    });
  });

  const send = (ws: WebSocket, frame: BridgeServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  async function handleFrame(ws: WebSocket, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      log('[bridge] dropped a frame that is not JSON');
      return;
    }
    const request = bridgeRequestSchema.safeParse(json);
    if (!request.success) {
      // Answer a frame we can attribute, so the caller is not left waiting forever.
      const id = z.object({ id: z.number().int().nonnegative() }).safeParse(json);
      log('[bridge] refused a malformed frame');
      if (id.success) {
        send(ws, {
          kind: 'result',
          id: id.data.id,
          result: { ok: false, error: { code: 'invalid-arguments', message: 'Malformed bridge frame' } },
        });
      }
      return;
    }
    const { id, channel, input } = request.data;
    const result = await dispatch(channel, input, { url: `${origin}/`, isMainFrame: true });
    send(ws, { kind: 'result', id, result });
  }

  return {
    url: `${origin}/#${TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    emit(event, payload) {
      const parsed = eventContract[event].safeParse(payload);
      if (!parsed.success) {
        log(`[bridge] refusing to send malformed ${event} event`);
        return;
      }
      for (const ws of clients) send(ws, { kind: 'event', event, payload: parsed.data });
    },
    async close() {
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
