import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake platform saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

export type Answer = { status: number; json: unknown } | 'hang';

/**
 * A stand-in for graph.facebook.com and api.x.com on 127.0.0.1, answering with the
 * documented payloads: Graph `{id}` / `{id, post_id}` / `{success: true}` and X
 * `{data: {id, text}}` / `{data: {id}}` (media) / `{data: {deleted: true}}`.
 * `override` lets a test fail or hold a request.
 */
export class FakePlatforms {
  readonly seen: SeenRequest[] = [];
  /** May also wait (return a promise) before answering; null answers as usual. */
  override: ((req: SeenRequest) => Answer | null | Promise<Answer | null>) | null = null;
  private counter = 0;
  private readonly held: (() => void)[] = [];
  private server: Server | null = null;
  url = '';

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((answer) => {
        if (answer === 'hang') {
          this.held.push(() => {
            res.destroy();
          });
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.json));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      contentType: req.headers['content-type'] ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.seen.push(seen);
    const forced = (await this.override?.(seen)) ?? null;
    if (forced !== null) return forced;
    this.counter += 1;
    const n = this.counter;
    if (seen.method === 'POST' && /^\/graph\/[^/]+\/feed$/.test(seen.path))
      return { status: 200, json: { id: `PAGE_${n}` } };
    if (seen.method === 'POST' && /^\/graph\/[^/]+\/photos$/.test(seen.path))
      return { status: 200, json: { id: `PHOTO_${n}`, post_id: `PAGE_${n}` } };
    if (seen.method === 'POST' && seen.path.startsWith('/graph/'))
      return { status: 200, json: { success: true } };
    if (seen.method === 'DELETE' && seen.path.startsWith('/graph/'))
      return { status: 200, json: { success: true } };
    if (seen.method === 'POST' && seen.path === '/x/2/media/upload')
      return { status: 200, json: { data: { id: `MEDIA_${n}`, media_key: `3_${n}` } } };
    if (seen.method === 'POST' && seen.path === '/x/2/tweets') {
      const body = JSON.parse(seen.body) as { text: string };
      return { status: 201, json: { data: { id: `TWEET_${n}`, text: body.text } } };
    }
    if (seen.method === 'DELETE' && seen.path.startsWith('/x/2/tweets/'))
      return { status: 200, json: { data: { deleted: true } } };
    return { status: 404, json: { error: { message: 'unknown path', code: 803 } } };
  }

  count(method: string, pattern: RegExp): number {
    return this.seen.filter((r) => r.method === method && pattern.test(r.path)).length;
  }

  async close(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    this.server?.closeAllConnections();
    const server = this.server;
    if (server === null) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}
