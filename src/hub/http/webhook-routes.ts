import { z } from 'zod';
import type { HubContext } from '../context';
import { ingestEvent, type InboundEvent } from '../inbound-events';
import { skippedLine, type SkippedEvent } from '../webhooks/events';
import { metaEnvelopeSchema, readMetaDelivery } from '../webhooks/meta';
import { safeEqual, verifyMetaSignature, verifyXSignature, xCrcResponse } from '../webhooks/signatures';
import { readXDelivery, xEnvelopeSchema } from '../webhooks/x';
import { errorReply, headerValue, jsonReply, textReply, type HubReply, type HubRequest } from './types';

export interface WebhookSecrets {
  /** Null refuses Meta's subscription handshake: nobody configured one. */
  readonly metaVerifyToken: string | null;
  readonly metaAppSecret: string;
  readonly xConsumerSecret: string;
}

const crcTokenSchema = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9\-_.~+/=]+$/);

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

async function ingestAll(
  ctx: HubContext,
  platform: string,
  delivery: { events: InboundEvent[]; skipped: SkippedEvent[] },
): Promise<HubReply> {
  const { events, skipped } = delivery;
  // Left-out events are logged, not refused: refusing would make the platform retry the
  // same body and finally drop it, with every good message in it.
  const line = skippedLine(platform, skipped);
  if (line !== null) ctx.log(line);
  // The events of a delivery are stored entirely or not at all, in the order it lists them
  // (a comment before its edit); deliveries arriving together share a disk flush, and the
  // platform hears 200 only once its delivery is durable.
  const results = await ctx.commitGrouped(() => events.map((e) => ingestEvent(ctx, e)));
  return jsonReply(200, {
    ok: true,
    received: events.length,
    stored: results.filter((r) => r.stored).length,
    duplicates: results.filter((r) => !r.stored && r.reason === 'duplicate').length,
    unknown: results.filter((r) => !r.stored && r.reason === 'unknown').length,
    superseded: results.filter((r) => !r.stored && r.reason === 'superseded').length,
    skipped: skipped.length,
  });
}

/** GET: Meta's subscription handshake. POST: signed event deliveries. */
export async function handleMetaWebhook(
  ctx: HubContext,
  secrets: WebhookSecrets,
  req: HubRequest,
): Promise<HubReply> {
  if (req.method === 'GET') {
    const mode = req.query.get('hub.mode');
    const token = req.query.get('hub.verify_token');
    const challenge = req.query.get('hub.challenge');
    if (
      mode === 'subscribe' &&
      secrets.metaVerifyToken !== null &&
      token !== null &&
      safeEqual(token, secrets.metaVerifyToken) &&
      challenge
    ) {
      return textReply(200, challenge);
    }
    return errorReply(403, 'verification-failed', 'hub.verify_token does not match');
  }
  if (req.method !== 'POST') return errorReply(405, 'method-not-allowed');
  if (
    !verifyMetaSignature(secrets.metaAppSecret, req.body, headerValue(req.headers, 'x-hub-signature-256'))
  ) {
    return errorReply(401, 'bad-signature', 'X-Hub-Signature-256 missing or wrong');
  }
  const json = parseJson(req.body);
  if (!json.ok) return errorReply(400, 'malformed-json', 'body is not valid JSON');
  const parsed = metaEnvelopeSchema.safeParse(json.value);
  if (!parsed.success) return errorReply(400, 'invalid-payload', describe(parsed.error));
  return ingestAll(ctx, 'meta', readMetaDelivery(parsed.data));
}

/** GET: X's CRC check. POST: signed Account Activity deliveries. */
export async function handleXWebhook(
  ctx: HubContext,
  secrets: WebhookSecrets,
  req: HubRequest,
): Promise<HubReply> {
  if (req.method === 'GET') {
    const crcToken = req.query.get('crc_token');
    if (!crcToken) return errorReply(400, 'missing-crc-token', 'crc_token query parameter required');
    // The CRC answer is the same HMAC X signs deliveries with, so answering any text would
    // sign a forged delivery for whoever asked. X's tokens are short and base64-like; a JSON
    // delivery always has braces and quotes, so it can never pass this check.
    if (!crcTokenSchema.safeParse(crcToken).success)
      return errorReply(400, 'invalid-crc-token', 'crc_token must be 1–256 letters, digits or -_.~+/=');
    return jsonReply(200, xCrcResponse(secrets.xConsumerSecret, crcToken));
  }
  if (req.method !== 'POST') return errorReply(405, 'method-not-allowed');
  if (
    !verifyXSignature(
      secrets.xConsumerSecret,
      req.body,
      headerValue(req.headers, 'x-twitter-webhooks-signature'),
    )
  ) {
    return errorReply(401, 'bad-signature', 'x-twitter-webhooks-signature missing or wrong');
  }
  const json = parseJson(req.body);
  if (!json.ok) return errorReply(400, 'malformed-json', 'body is not valid JSON');
  const parsed = xEnvelopeSchema.safeParse(json.value);
  if (!parsed.success) return errorReply(400, 'invalid-payload', describe(parsed.error));
  return ingestAll(ctx, 'x', readXDelivery(parsed.data));
}

export { textReply };
