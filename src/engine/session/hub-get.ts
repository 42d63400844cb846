import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hubHttpUrl, readBody } from './hub-http';
import { describeNetworkError } from './login';

export interface HubGetOptions {
  readonly hubUrl: string;
  readonly ca: string[] | undefined;
  readonly token: string;
  readonly timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  readonly limit?: number;
}

/**
 * GETs `path` from the hub with the session token, e.g. a report the hub computes from its
 * own records. Trusts the same CA as the sync connection; throws a DeskFailure on transport
 * problems. The caller checks the status and parses the body.
 */
export function hubGet(options: HubGetOptions, path: string): Promise<{ status: number; text: string }> {
  const url = hubHttpUrl(options.hubUrl, path);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limit = options.limit ?? 20 * 1024 * 1024;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        headers: { authorization: `Bearer ${options.token}` },
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
        timeout: timeoutMs,
      },
      (res) => {
        readBody(res, limit).then(
          (text) => {
            resolve({ status: res.statusCode ?? 0, text });
          },
          (error: unknown) => {
            reject(describeNetworkError(error, options.hubUrl));
          },
        );
      },
    );
    req.on('timeout', () => {
      req.destroy(Object.assign(new Error(`no answer within ${String(timeoutMs)} ms`), { code: 'TIMEOUT' }));
    });
    req.on('error', (error) => {
      reject(describeNetworkError(error, options.hubUrl));
    });
    req.end();
  });
}
