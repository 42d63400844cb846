import { useSyncExternalStore } from 'react';
import type { DeskApi } from '../../../../shared/ipc/client';
import type { SlaStatus } from '../../../../shared/protocol/entities-sla';
import { useDesk } from '../../context';

/**
 * The hub's SLA statuses of every running or paused clock, loaded from the local cache once
 * for the whole window and reloaded when the cache changes, so each list row's countdown
 * is a map lookup rather than its own call.
 */
class SlaStore {
  private statuses = new Map<string, SlaStatus>();
  private readonly listeners = new Set<() => void>();
  private loading = false;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly desk: DeskApi) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.unsubscribe === null) {
      this.unsubscribe = this.desk.on('data.changed', () => {
        this.load();
      });
      this.load();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unsubscribe !== null) {
        this.unsubscribe();
        this.unsubscribe = null;
      }
    };
  };

  get = (id: string): SlaStatus | undefined => this.statuses.get(id);

  private load(): void {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    void this.desk.sla.live().then((result) => {
      if (result.ok) {
        this.statuses = new Map(result.value.statuses.map((s) => [s.conversationId, s]));
        for (const listener of this.listeners) listener();
      }
      this.loading = false;
      if (this.again) {
        this.again = false;
        this.load();
      }
    });
  }
}

const stores = new WeakMap<DeskApi, SlaStore>();

function storeFor(desk: DeskApi): SlaStore {
  let store = stores.get(desk);
  if (store === undefined) {
    store = new SlaStore(desk);
    stores.set(desk, store);
  }
  return store;
}

/** The hub's SLA status of one conversation, or undefined while nothing is owed (or not yet loaded). */
export function useSlaStatus(conversationId: string): SlaStatus | undefined {
  const store = storeFor(useDesk());
  return useSyncExternalStore(store.subscribe, () => store.get(conversationId));
}
