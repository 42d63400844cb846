import { useCallback } from 'react';
import type { Operator } from '../../../../shared/domain/entities';
import type { BroadcastRow, DeskAlertRow } from '../../../../shared/ipc/channels/broadcasts';
import { useDesk } from '../../context';
import { useCachedQuery } from '../../hooks/useCachedQuery';

/** Expiry moves with the clock even when nothing changes. */
const CLOCK_REFRESH_MS = 15_000;

export function useBroadcasts(): { rows: readonly BroadcastRow[]; reload: () => void } {
  const desk = useDesk();
  const load = useCallback(() => desk.broadcasts.list(), [desk]);
  const { value, reload } = useCachedQuery(load, { refreshMs: CLOCK_REFRESH_MS, onActionOutcome: true });
  return { rows: value ?? [], reload };
}

export function useDeskAlerts(): { rows: readonly DeskAlertRow[]; reload: () => void } {
  const desk = useDesk();
  const load = useCallback(() => desk.deskAlerts.list(), [desk]);
  const { value, reload } = useCachedQuery(load, { refreshMs: CLOCK_REFRESH_MS, onActionOutcome: true });
  return { rows: value ?? [], reload };
}

export function useOperators(): readonly Operator[] {
  const desk = useDesk();
  const load = useCallback(() => desk.operators.list(), [desk]);
  return useCachedQuery(load, { refreshMs: CLOCK_REFRESH_MS, onActionOutcome: true }).value ?? [];
}
