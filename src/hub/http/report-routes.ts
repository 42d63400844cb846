import { isLead, type Operator } from '../../shared/domain';
import type { HubDb } from '../db/connection';
import { monthlyCsvFromHub, monthSchema } from '../sla/monthly-report';
import { errorReply, headerValue, textReply, type HubReply, type HubRequest } from './types';

export const MONTHLY_REPORT_PATH = '/api/reports/monthly';

/**
 * `GET /api/reports/monthly?month=YYYY-MM` with `Authorization: Bearer <session token>`:
 * the monthly CSV, for shift leads and admins.
 */
export async function handleReportRequest(
  db: HubDb,
  authenticate: (token: string) => Promise<Operator>,
  req: HubRequest,
): Promise<HubReply> {
  if (req.method !== 'GET') return errorReply(405, 'method-not-allowed');
  const header = headerValue(req.headers, 'authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (token === '') return errorReply(401, 'unauthorised', 'send Authorization: Bearer <session token>');
  let operator: Operator;
  try {
    operator = await authenticate(token);
  } catch {
    return errorReply(401, 'unauthorised', 'session expired or revoked; sign in again');
  }
  if (!isLead(operator)) {
    return errorReply(403, 'forbidden', 'only shift leads and admins can export reports');
  }
  const month = monthSchema.safeParse(req.query.get('month'));
  if (!month.success) return errorReply(400, 'invalid-request', 'month must look like 2025-09');
  return textReply(200, monthlyCsvFromHub(db, month.data));
}
