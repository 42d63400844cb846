import type { IncomingMessage } from 'node:http';

/** A path on the hub's HTTP side, from the address the operator typed (ws:// means http://). */
export function hubHttpUrl(hubUrl: string, path: string): URL {
  return new URL(path, hubUrl.replace(/^ws(s?):\/\//, 'http$1://'));
}

/** The whole response body as text; a body over `limit` bytes is refused, not buffered. */
export function readBody(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        res.destroy(new Error('The hub answered with an oversized body'));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', reject);
  });
}
