import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc/contract';
import { createDispatcher, type HandlerTable, type SenderInfo } from '../shared/ipc/dispatch';
import { eventContract, type EventName, type EventPayload } from '../shared/ipc/events';

/**
 * Binds the shared handler table to ipcMain. A call is trusted only from the main frame
 * of our own window showing our own page; everything else is refused by the dispatcher.
 */
export function registerIpc(
  handlers: HandlerTable,
  getWindow: () => BrowserWindow | null,
  isOwnUrl: (url: string) => boolean,
): () => void {
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: (sender) => sender.isMainFrame && isOwnUrl(sender.url),
    onInternalError: (channel, error) => {
      console.error(`[ipc] ${channel}`, error);
    },
  });
  const handle = (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const window = getWindow();
    const frame = event.senderFrame;
    const fromOurWindow = window !== null && event.sender.id === window.webContents.id;
    const sender: SenderInfo = {
      url: frame?.url ?? '',
      isMainFrame: fromOurWindow && frame !== null && frame === event.sender.mainFrame,
    };
    return dispatch(channel, input, sender);
  };
  ipcMain.handle(IPC_INVOKE, handle);
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
  };
}

/** Sends a typed event to the renderer, checked against the event contract first. */
export function sendEvent<E extends EventName>(
  window: BrowserWindow | null,
  event: E,
  payload: EventPayload<E>,
): void {
  if (!window || window.isDestroyed()) return;
  const parsed = eventContract[event].safeParse(payload);
  if (!parsed.success) {
    console.error(`[ipc] refusing to send malformed ${event} event`, parsed.error.issues);
    return;
  }
  window.webContents.send(IPC_EVENT, event, parsed.data);
}
