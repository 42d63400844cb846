import type { Operator } from '../../shared/domain';
import type { Change, PullRequest, PullResponse } from '../../shared/protocol';
import { headSeq, logFloor, readChanges, type UnreadableChange } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { visibleChange } from './visibility';

/**
 * One page of the log after `afterSeq`, filtered for the viewer. `upTo` is the last
 * sequence examined, so a page of changes the viewer may not see still moves them on.
 */
export function pullChanges(
  db: HubDb,
  viewer: Operator,
  request: PullRequest,
  hubTime: number,
  onUnreadable: (change: UnreadableChange) => void,
): PullResponse {
  const floor = logFloor(db);
  if (request.afterSeq < floor) return { kind: 'snapshot-required', oldestSeq: floor };
  const head = headSeq(db);
  const after = Math.min(request.afterSeq, head);
  const page = readChanges(db, after, head, request.limit, onUnreadable);
  const changes: Change[] = [];
  for (const row of page.changes) {
    const visible = visibleChange(row, viewer);
    if (visible !== null) changes.push(visible);
  }
  const upTo = page.full ? (page.lastSeq ?? head) : head;
  return { kind: 'changes', batch: { after, upTo, changes, hubTime }, headSeq: head };
}
