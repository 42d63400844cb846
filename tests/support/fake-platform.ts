import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake platform saw it, its JSON body parsed. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export interface FakePlatform {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

/**
 * What the fake does with one request: answer it, cut the connection once it has read it
 * (as when a link drops after the request went), or never answer (as a platform that hangs).
 */
export type FakeAnswer = { status: number; json: unknown } | 'drop' | 'hang';

/**
 * A stand-in for graph.facebook.com / api.x.com on 127.0.0.1 (the true outside edge),
 * answering in their documented shapes. `answer` may change per request (to fail first,
 * then succeed).
 */
export async function fakePlatform(answer: (seen: Seen) => FakeAnswer): Promise<FakePlatform> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      seen.push(entry);
      const outcome = answer(entry);
      if (outcome === 'drop') {
        req.socket.destroy();
        return;
      }
      if (outcome === 'hang') return;
      res.writeHead(outcome.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(outcome.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        // A hanging request would hold close() open for ever.
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
