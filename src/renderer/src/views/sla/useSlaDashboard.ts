import { useCallback } from 'react';
import type { SlaDashboard } from '../../../../shared/ipc/channels/sla';
import { useDesk } from '../../context';
import { useCachedQuery } from '../../hooks/useCachedQuery';

/** Windows slide and clocks breach with time alone, so the dashboard also refreshes on this beat. */
const CLOCK_REFRESH_MS = 10_000;

/** The dashboard, live from the local cache. */
export function useSlaDashboard(): { dashboard: SlaDashboard | null; error: string | null } {
  const desk = useDesk();
  const load = useCallback(() => desk.sla.dashboard(), [desk]);
  const { value, error } = useCachedQuery(load, { refreshMs: CLOCK_REFRESH_MS });
  return { dashboard: value, error };
}
