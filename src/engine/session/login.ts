import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loginResponseSchema, type LoginRequest, type LoginResponse } from '../../shared/protocol/http';
import { DeskFailure } from '../../shared/ipc/result';
import { hubHttpUrl, readBody } from './hub-http';

export interface LoginOptions {
  readonly hubUrl: string;
  readonly ca: string[] | undefined;
  readonly timeoutMs?: number;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Turns a transport failure into what the sign-in screen can explain. */
export function describeNetworkError(error: unknown, hubUrl: string): DeskFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && TLS_CODES.has(code)) {
    return new DeskFailure(
      'untrusted-certificate',
      `The hub at ${hubUrl} presented a certificate this console does not trust (${code}). Ask force IT to install the hub's CA.`,
    );
  }
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code === 'TIMEOUT')) {
    return new DeskFailure(
      'unreachable',
      `Cannot reach the hub at ${hubUrl} (${code}). Check the address and the network.`,
    );
  }
  return new DeskFailure('unreachable', `Cannot reach the hub at ${hubUrl}: ${text}`);
}

/** The login endpoint for a hub address the operator typed (ws:// is accepted as http://). */
export function loginUrl(hubUrl: string): URL {
  return hubHttpUrl(hubUrl, '/api/login');
}

/**
 * POSTs the credentials to the hub and returns its parsed answer, or throws a DeskFailure
 * whose code the UI maps to a message (unreachable, untrusted-certificate, invalid).
 */
export async function postLogin(options: LoginOptions, body: LoginRequest): Promise<LoginResponse> {
  const url = loginUrl(options.hubUrl);
  const payload = JSON.stringify(body);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
        timeout: timeoutMs,
      },
      (res) => {
        readBody(res, 1024 * 1024).then((text) => {
          resolve({ status: res.statusCode ?? 0, text });
        }, reject);
      },
    );
    req.on('timeout', () => {
      req.destroy(Object.assign(new Error(`no answer within ${String(timeoutMs)} ms`), { code: 'TIMEOUT' }));
    });
    req.on('error', (error) => {
      reject(describeNetworkError(error, options.hubUrl));
    });
    req.end(payload);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DeskFailure(
      'invalid',
      `The hub at ${options.hubUrl} answered ${String(status)} with something that is not JSON.`,
    );
  }
  const parsed = loginResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new DeskFailure(
      'invalid',
      `The hub at ${options.hubUrl} gave an answer this console does not understand.`,
    );
  }
  return parsed.data;
}
