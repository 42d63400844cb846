import { createHmac, timingSafeEqual } from 'node:crypto';

/** Compares secrets without leaking, through timing, how much of a guess was right. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function verifyMetaSignature(appSecret: string, rawBody: Buffer, header: string | null): boolean {
  if (header === null) return false;
  return safeEqual(metaSignature(appSecret, rawBody), header.trim().toLowerCase());
}

/** X: `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the raw body with the consumer secret>`. */
export function xSignature(consumerSecret: string, payload: Buffer | string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(payload).digest('base64')}`;
}

export function verifyXSignature(consumerSecret: string, rawBody: Buffer, header: string | null): boolean {
  if (header === null) return false;
  return safeEqual(xSignature(consumerSecret, rawBody), header.trim());
}

/** X's challenge-response check: the same HMAC over the crc_token. */
export function xCrcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  return { response_token: xSignature(consumerSecret, crcToken) };
}
