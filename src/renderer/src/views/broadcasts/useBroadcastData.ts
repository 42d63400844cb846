import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operator } from '../../../../shared/domain/entities';
import type { BroadcastRow, DeskAlertRow } from '../../../../shared/ipc/channels/broadcasts';
import type { Result } from '../../../../shared/ipc/result';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';

/** Expiry moves with the clock even when nothing changes. */
const CLOCK_REFRESH_MS = 15_000;

/**
 * Loads one list from the local cache and reloads it on every `data.changed` and action
 * outcome; loads never overlap (a change during a load asks for one more).
 */
function useCachedList<T>(load: () => Promise<Result<T>>): { value: T | null; reload: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const loading = useRef(false);
  const again = useRef(false);
  // Read through a function: a data change during the await sets it from another callback.
  const wantedAgain = useCallback((): boolean => again.current, []);
  const reload = useCallback(() => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    void (async () => {
      do {
        again.current = false;
        const result = await load();
        if (result.ok) setValue(result.value);
      } while (wantedAgain());
      loading.current = false;
    })();
  }, [load, wantedAgain]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, CLOCK_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [reload]);
  useDeskEvent('data.changed', reload);
  useDeskEvent('action.outcome', reload);
  return { value, reload };
}

export function useBroadcasts(): { rows: readonly BroadcastRow[]; reload: () => void } {
  const desk = useDesk();
  const load = useCallback(() => desk.broadcasts.list(), [desk]);
  const { value, reload } = useCachedList(load);
  return { rows: value ?? [], reload };
}

export function useDeskAlerts(): { rows: readonly DeskAlertRow[]; reload: () => void } {
  const desk = useDesk();
  const load = useCallback(() => desk.deskAlerts.list(), [desk]);
  const { value, reload } = useCachedList(load);
  return { rows: value ?? [], reload };
}

export function useOperators(): readonly Operator[] {
  const desk = useDesk();
  const load = useCallback(() => desk.operators.list(), [desk]);
  return useCachedList(load).value ?? [];
}
