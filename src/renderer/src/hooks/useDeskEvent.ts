import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/ipc/events';
import { useDesk } from '../context';

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useDeskEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const desk = useDesk();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      desk.on(event, (payload) => {
        latest.current(payload);
      }),
    [desk, event],
  );
}
