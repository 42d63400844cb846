import { z } from 'zod';
import type { Operator } from '../shared/domain/entities';
import type { Notice } from '../shared/protocol/changes';
import { recomputeConversations } from './cache/recompute';
import type { CacheDb } from './db/handle';
import { onSetAside, type SetAsideRow } from './db/outbox';
import { keepUndelivered } from './db/undelivered';
import { undeliveredNotice } from '../shared/ipc/undelivered';

/** In English as the renderer's `notices.outbox-set-aside`; a Welsh interface shows its own. */
export const SET_ASIDE_NOTICE =
  'One action saved on this console could not be read by this version and was set aside; it was not sent. Tell IT.';

export interface SetAsideDeps {
  readonly db: CacheDb;
  readonly signedInOperator: () => Operator | null;
  readonly hubNow: () => number;
  readonly isClosed: () => boolean;
  readonly log: (line: string) => void;
  readonly notify: (notice: Notice) => void;
  /** The views of these conversations were rebuilt; the count of set-aside actions changed. */
  readonly changed: (conversationIds: readonly string[]) => void;
}

// Lenient on purpose: the payload is one this version could not read, so only the fields
// that say where its optimistic effect may show are looked for.
const namesSchema = z.object({
  conversationId: z.string().optional().catch(undefined),
  conversationIds: z.array(z.string()).optional().catch(undefined),
});

function namedConversations(payload: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return [];
  }
  const names = namesSchema.safeParse(json);
  if (!names.success) return [];
  return [
    ...(names.data.conversationId === undefined ? [] : [names.data.conversationId]),
    ...(names.data.conversationIds ?? []),
  ];
}

/**
 * Logs every outbox row set aside as unreadable and tells its operator, when signed in here,
 * that the action was not sent. The rows are kept verbatim in `outbox_quarantine` for IT.
 */
export function watchSetAside(deps: SetAsideDeps): void {
  const { db, log } = deps;
  onSetAside(db, (rows) => {
    for (const row of rows) {
      const fate = row.state === 'queued' ? 'it was not sent' : 'the hub had already accepted it';
      log(
        `[outbox] set aside action ${row.opId} (console seq ${String(row.consoleSeq)}, operator ${row.operatorId}) ` +
          `this version cannot read: ${row.reason}; ${fate}; kept in outbox_quarantine`,
      );
    }
    // The read that found them may be deep in a view rebuild or a batch's transaction:
    // telling the renderer (and rebuilding views) waits until that work is over.
    queueMicrotask(() => {
      try {
        announce(deps, rows);
      } catch (error) {
        // A throw in a microtask would end the process; the rows are safe in quarantine.
        log(
          `[outbox] could not announce set-aside actions: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  });
}

function announce(deps: SetAsideDeps, rows: readonly SetAsideRow[]): void {
  const { db } = deps;
  if (deps.isClosed()) return;
  const me = deps.signedInOperator();
  if (me === null) return;
  const setAsidePayload = db.prepare('SELECT payload FROM outbox_quarantine WHERE op_id = ?').pluck();
  const conversationIds = new Set<string>();
  let told = false;
  for (const row of rows) {
    // An accepted action reached the hub: its effect arrives with the hub's changes.
    if (row.operatorId !== me.id || row.state !== 'queued') continue;
    // Not there if the transaction that set it aside was rolled back: then it was not.
    const payload: unknown = setAsidePayload.get(row.opId);
    if (typeof payload !== 'string') continue;
    for (const id of namedConversations(payload)) conversationIds.add(id);
    const notice: Notice = {
      id: `outbox-set-aside:${row.opId}`,
      operatorId: me.id,
      kind: 'outbox-set-aside',
      conversationId: null,
      text: SET_ASIDE_NOTICE,
      createdAt: deps.hubNow(),
    };
    keepUndelivered(db, me.id, undeliveredNotice(notice), notice.createdAt);
    deps.notify(notice);
    told = true;
  }
  if (!told) return;
  // Its optimistic effect (a claim, a reply waiting to sync) may still be on screen: rebuilt
  // without it, nothing shows as waiting for an action that will never go.
  if (conversationIds.size > 0) {
    db.transaction(() => {
      recomputeConversations(db, conversationIds, me.id);
    }).immediate();
  }
  deps.changed([...conversationIds]);
}
