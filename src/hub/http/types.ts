import type { IncomingHttpHeaders } from 'node:http';

/** A request as the route handlers see it: already fully read, body still raw bytes. */
export interface HubRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type HubReply =
  { readonly status: number; readonly json: unknown } | { readonly status: number; readonly text: string };

export const jsonReply = (status: number, json: unknown): HubReply => ({ status, json });
export const textReply = (status: number, text: string): HubReply => ({ status, text });
export const errorReply = (status: number, error: string, detail?: string): HubReply =>
  jsonReply(status, detail === undefined ? { error } : { error, detail });

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
