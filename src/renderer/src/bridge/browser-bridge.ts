import { buildDeskApi, type DeskApi, type DeskTransport } from '../../../shared/ipc/client';
import { fail, type Result } from '../../../shared/ipc/result';
import { BRIDGE_PATH, TOKEN_PARAM, bridgeServerFrameSchema } from '../../../shared/ipc/ws-frames';

const TOKEN_KEY = 'desk.launchToken';

/** The launch token arrives in the URL fragment; keep it for reloads of this tab only. */
function readLaunchToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get(TOKEN_PARAM);
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The browser shell's side of `window.desk`: the same API as the Electron preload, carried
 * over a loopback WebSocket to the same handler table.
 */
export async function connectBrowserBridge(): Promise<DeskApi> {
  const token = readLaunchToken();
  if (!token) throw new Error('This console was opened without its launch token.');
  const url = `ws://${window.location.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let socket = await open(url);

  function open(target: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(target);
      ws.onopen = () => {
        resolve(ws);
      };
      ws.onerror = () => {
        reject(new Error('The console could not reach its local shell.'));
      };
      ws.onmessage = (message) => {
        if (typeof message.data !== 'string') return;
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return;
        }
        const frame = bridgeServerFrameSchema.safeParse(json);
        if (!frame.success) return;
        if (frame.data.kind === 'result') {
          pending.get(frame.data.id)?.(frame.data.result);
          pending.delete(frame.data.id);
        } else {
          for (const listener of listeners) listener(frame.data.event, frame.data.payload);
        }
      };
      ws.onclose = () => {
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'internal', message: 'The local shell closed the bridge.' } });
        }
        pending.clear();
        if (ws !== socket) return;
        // Closed under the page: reach the shell again (events come over this link), or say
        // it has gone so the window can show it rather than go on looking online.
        open(target).then(
          (fresh) => {
            socket = fresh;
          },
          () => {
            for (const listener of listeners) listener('shell.lost', {});
          },
        );
      };
    });
  }

  const transport: DeskTransport = {
    async invoke(channel, input) {
      if (socket.readyState !== WebSocket.OPEN) {
        // The shell went (closed, crashed, restarted elsewhere): answer as a result, as every
        // call across the bridge does, so the window can say so instead of failing silently.
        try {
          socket = await open(url);
        } catch {
          return fail(
            'shell-gone',
            'The console could not reach its local shell. Start the console again, then reload this page.',
          );
        }
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return buildDeskApi(transport);
}
