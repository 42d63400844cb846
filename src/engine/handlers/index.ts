import type { HandlerTable } from '../../shared/ipc/dispatch';
import type { ConsoleEngine } from '../engine';
import { createAppHandlers, type AppHandlerDeps } from './app';
import { createBroadcastsHandlers } from './broadcasts';
import { createDeskHandlers } from './desk';
import { createModerationHandlers } from './moderation';
import { createLeadsHandlers } from './leads';
import { createSessionHandlers } from './session';
import { createSlaHandlers } from './sla';

export interface HandlerDeps extends AppHandlerDeps {
  readonly engine: ConsoleEngine;
}

/**
 * The one handler table behind every channel. The Electron shell binds it to ipcMain and
 * the browser shell to its loopback WebSocket; neither re-implements a handler.
 */
export function createHandlerTable(deps: HandlerDeps): HandlerTable {
  return {
    ...createAppHandlers(deps),
    ...createSessionHandlers(deps.engine),
    ...createDeskHandlers(deps.engine),
    ...createBroadcastsHandlers(deps.engine),
    ...createModerationHandlers(deps.engine),
    ...createLeadsHandlers(deps.engine),
    ...createSlaHandlers(deps.engine),
  };
}
