import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/ipc/result';
import { useDeskEvent } from './useDeskEvent';
import { useErrorText } from './useErrorText';

export interface CachedQueryOptions {
  /** Reload on this beat too: countdowns, windows and expiries move with the clock alone. */
  readonly refreshMs: number;
  /** Also reload when the hub answers an action (screens that show its outcome). */
  readonly onActionOutcome?: boolean;
}

/**
 * A read from the local cache, reloaded on every `data.changed` (the engine emits it as
 * soon as a hub batch lands) and on the clock beat. Loads never overlap: a change during a
 * load asks for one more, so the screen always ends on the latest state.
 */
export function useCachedQuery<T>(
  load: () => Promise<Result<T>>,
  options: CachedQueryOptions,
): { value: T | null; error: string | null; reload: () => void } {
  const errorText = useErrorText();
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        if (result.ok) {
          setValue(result.value);
          setError(null);
        } else {
          setError(errorText(result.error));
        }
      } while (wantedAgain());
      loading.current = false;
    })();
  }, [load, wantedAgain, errorText]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, options.refreshMs);
    return () => {
      clearInterval(timer);
    };
  }, [reload, options.refreshMs]);
  useDeskEvent('data.changed', reload);
  useDeskEvent('action.outcome', () => {
    if (options.onActionOutcome) reload();
  });
  return { value, error, reload };
}
