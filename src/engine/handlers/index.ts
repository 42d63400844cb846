import type { HandlerTable } from '../../shared/ipc/dispatch';
import { createAppHandlers, type AppHandlerDeps } from './app';

export type HandlerDeps = AppHandlerDeps;

/**
 * The one handler table behind every channel. The Electron shell binds it to ipcMain and
 * the browser shell to its loopback WebSocket; neither re-implements a handler.
 */
export function createHandlerTable(deps: HandlerDeps): HandlerTable {
  return {
    ...createAppHandlers(deps),
  };
}
