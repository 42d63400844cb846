import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDeskApi } from '../shared/ipc/client';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';

// Only the typed `desk` object crosses into the page; ipcRenderer itself never does.
const desk = buildDeskApi({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
});

contextBridge.exposeInMainWorld('desk', desk);
