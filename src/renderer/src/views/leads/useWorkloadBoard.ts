import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkloadBoard } from '../../../../shared/ipc/channels/leads';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';

/** Risk moves with the clock even when nothing changes, so the board also refreshes on this beat. */
const CLOCK_REFRESH_MS = 10_000;

/**
 * The workload board, reloaded from the local cache on every `data.changed` (the engine
 * emits it as soon as a hub batch lands), so the board is live to within a frame of the
 * cache. Reloads never overlap: a change during a load asks for one more.
 */
export function useWorkloadBoard(): {
  board: WorkloadBoard | null;
  error: string | null;
  reload: () => void;
} {
  const desk = useDesk();
  const [board, setBoard] = useState<WorkloadBoard | null>(null);
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
      void desk.leads.board().then((result) => {
        if (result.ok) {
          setBoard(result.value);
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
  return { board, error, reload };
}
