import { useCallback } from 'react';
import type { WorkloadBoard } from '../../../../shared/ipc/channels/leads';
import { useDesk } from '../../context';
import { useCachedQuery } from '../../hooks/useCachedQuery';

/** Risk moves with the clock even when nothing changes, so the board also refreshes on this beat. */
const CLOCK_REFRESH_MS = 10_000;

/** The workload board, live from the local cache. */
export function useWorkloadBoard(): {
  board: WorkloadBoard | null;
  error: string | null;
  reload: () => void;
} {
  const desk = useDesk();
  const load = useCallback(() => desk.leads.board(), [desk]);
  const { value, error, reload } = useCachedQuery(load, { refreshMs: CLOCK_REFRESH_MS });
  return { board: value, error, reload };
}
