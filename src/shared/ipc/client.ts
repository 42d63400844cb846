import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput } from './contract';
import { eventContract, type EventName, type EventPayload } from './events';
import type { Result } from './result';

/** How a shell carries calls and events; Electron uses ipcRenderer, the browser a WebSocket. */
export interface DeskTransport {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type MethodOf<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never;

type Method<C extends ChannelName> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** `desk.conversations.list(...)` for the channel `conversations.list`, and so on. */
export type DeskMethods = {
  [N in Namespace<ChannelName>]: {
    [M in MethodOf<ChannelName, N>]: Method<`${N}.${M}` & ChannelName>;
  };
};

export interface DeskApi extends DeskMethods {
  /** Subscribes to a typed event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * Builds `window.desk` from the contract. Both shells call this, so the renderer sees
 * the same object whichever shell it runs in.
 */
export function buildDeskApi(transport: DeskTransport): DeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of channelNames) {
    const [ns, method] = name.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][method] = (input?: unknown) => transport.invoke(name, input);
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe((name, payload) => {
      if (name !== event) return;
      const parsed = eventContract[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  return Object.freeze({ ...api, on }) as unknown as DeskApi;
}
