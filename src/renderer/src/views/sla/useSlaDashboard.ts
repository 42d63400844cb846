import { useCallback, useEffect, useRef, useState } from 'react';
import type { SlaDashboard } from '../../../../shared/ipc/channels/sla';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';

/** Windows slide and clocks breach with time alone, so the dashboard also refreshes on this beat. */
const CLOCK_REFRESH_MS = 10_000;

/** The dashboard from the local cache, reloaded when the cache changes; loads never overlap. */
export function useSlaDashboard(): { dashboard: SlaDashboard | null; error: string | null } {
  const desk = useDesk();
  const [dashboard, setDashboard] = useState<SlaDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const again = useRef(false);

  const reload = useCallback(() => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    const load = (): void => {
      void desk.sla.dashboard().then((result) => {
        if (result.ok) {
          setDashboard(result.value);
          setError(null);
        } else {
          setError(result.error.message);
        }
        if (again.current) {
          again.current = false;
          load();
        } else {
          loading.current = false;
        }
      });
    };
    load();
  }, [desk]);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, CLOCK_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [reload]);
  useDeskEvent('data.changed', reload);
  return { dashboard, error };
}
