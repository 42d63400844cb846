import type { HandlerTable } from '../../shared/ipc/dispatch';
import type { ConsoleEngine } from '../engine';
import { broadcastRows, deskAlertRows } from '../read-models-broadcasts';

type BroadcastsChannel = 'broadcasts.list' | 'deskAlerts.list';

/** Reads of the local cache; broadcast and alert actions go through `actions.submit`. */
export function createBroadcastsHandlers(engine: ConsoleEngine): Pick<HandlerTable, BroadcastsChannel> {
  const me = (): string | null => engine.sessionState().operator?.id ?? null;
  return {
    'broadcasts.list': () => broadcastRows(engine.db, me()),
    'deskAlerts.list': () => deskAlertRows(engine.db, me(), engine.hubNow()),
  };
}
