import { z } from 'zod';
import type { Operator } from '../../shared/domain';
import type { EntityRecord, SnapshotRequest, SnapshotResponse } from '../../shared/protocol';
import { headSeq } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { listBroadcasts } from '../db/broadcasts';
import { confidentialContactIds, listContacts } from '../db/contacts';
import { listDeskAlerts } from '../db/desk-alerts';
import { getConversation, listConversations, publicConversation } from '../db/conversations';
import { listMessages } from '../db/messages';
import { listBlockedAccounts, listCommentModeration } from '../db/moderation';
import { noticesFor } from '../db/notices';
import { listOperators } from '../db/operators';
import { listQueues } from '../db/queues';
import { listActivity } from '../db/activity';
import { listShifts } from '../db/shifts';
import { listSlaStatuses } from '../db/sla';
import { policyRecord } from '../sla/policies';
import { visibleRecord } from './visibility';

const ORDER = [
  'queue',
  'operator',
  'contact',
  'conversation',
  'message',
  'notice',
  'shift',
  'activity',
  'broadcast',
  'desk-alert',
  'comment-moderation',
  'blocked-account',
  'sla-policy',
  'sla-status',
] as const;
type Stage = (typeof ORDER)[number];

/** Opaque to consoles: where the next page starts, and the head when the first page was cut. */
const cursorSchema = z.object({
  seq: z.number().int().nonnegative(),
  stage: z.enum(ORDER),
  afterId: z.string().max(200),
});
type Cursor = z.infer<typeof cursorSchema>;

const encode = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(text: string): Cursor | null {
  try {
    const json: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const parsed = cursorSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function readStage(
  db: HubDb,
  viewer: Operator,
  stage: Stage,
  afterId: string,
  limit: number,
): { id: string; record: EntityRecord | null }[] {
  switch (stage) {
    case 'queue':
      return listQueues(db, afterId, limit).map((data) => ({
        id: data.id,
        record: { entity: 'queue', data },
      }));
    case 'operator':
      return listOperators(db, afterId, limit).map((data) => ({
        id: data.id,
        record: { entity: 'operator', data },
      }));
    case 'contact': {
      const contacts = listContacts(db, afterId, limit);
      const confidential = confidentialContactIds(
        db,
        contacts.map((c) => c.id),
      );
      return contacts.map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'contact', data }, viewer, confidential.has(data.id)),
      }));
    }
    case 'conversation':
      return listConversations(db, afterId, limit).map((c) => ({
        id: c.id,
        record: visibleRecord(
          { entity: 'conversation', data: publicConversation(c) },
          viewer,
          c.confidential,
        ),
      }));
    case 'message': {
      const confidential = new Map<string, boolean>();
      return listMessages(db, afterId, limit).map((data) => {
        let flag = confidential.get(data.conversationId);
        if (flag === undefined) {
          flag = getConversation(db, data.conversationId)?.confidential ?? false;
          confidential.set(data.conversationId, flag);
        }
        return { id: data.id, record: visibleRecord({ entity: 'message', data }, viewer, flag) };
      });
    }
    case 'notice':
      return noticesFor(db, viewer.id, afterId, limit).map((data) => ({
        id: data.id,
        record: { entity: 'notice', data },
      }));
    case 'shift':
      return listShifts(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'shift', data }, viewer, false),
      }));
    case 'activity':
      return listActivity(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'activity', data }, viewer, false),
      }));
    case 'broadcast':
      return listBroadcasts(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'broadcast', data }, viewer, false),
      }));
    case 'desk-alert':
      return listDeskAlerts(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'desk-alert', data }, viewer, false),
      }));
    case 'comment-moderation':
      return listCommentModeration(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'comment-moderation', data }, viewer, false),
      }));
    case 'blocked-account':
      return listBlockedAccounts(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'blocked-account', data }, viewer, false),
      }));
    case 'sla-policy': {
      const data = afterId === '' ? policyRecord(db) : null;
      return data === null ? [] : [{ id: data.id, record: { entity: 'sla-policy', data } }];
    }
    case 'sla-status':
      return listSlaStatuses(db, afterId, limit).map((data) => ({
        id: data.id,
        record: visibleRecord({ entity: 'sla-status', data }, viewer, false),
      }));
  }
}

/**
 * Pages of every entity the viewer may see, as they stand now. Records may be newer than
 * `seq`; pulling after `seq` once the last page is in brings everything level, because
 * records are whole rows applied in order.
 */
export function snapshotPage(
  db: HubDb,
  viewer: Operator,
  request: SnapshotRequest,
  hubTime: number,
): SnapshotResponse {
  let cursor: Cursor;
  if (request.cursor === null) {
    cursor = { seq: headSeq(db), stage: 'queue', afterId: '' };
  } else {
    const decoded = decode(request.cursor);
    if (decoded === null) return { kind: 'error', error: 'invalid snapshot cursor' };
    cursor = decoded;
  }
  const records: EntityRecord[] = [];
  let stageIndex = ORDER.indexOf(cursor.stage);
  let afterId = cursor.afterId;
  while (stageIndex < ORDER.length && records.length < request.limit) {
    const stage = ORDER[stageIndex] ?? 'notice';
    const want = request.limit - records.length;
    const rows = readStage(db, viewer, stage, afterId, want);
    for (const row of rows) if (row.record !== null) records.push(row.record);
    const last = rows[rows.length - 1];
    if (rows.length === want && last !== undefined) {
      afterId = last.id;
      return {
        kind: 'page',
        seq: cursor.seq,
        records,
        nextCursor: encode({ seq: cursor.seq, stage, afterId }),
        hubTime,
      };
    }
    stageIndex += 1;
    afterId = '';
  }
  return { kind: 'page', seq: cursor.seq, records, nextCursor: null, hubTime };
}
