import { useEffect, useRef } from 'react';
import type { Notice } from '../../../shared/protocol/changes';
import {
  undeliveredNotice,
  undeliveredOutcome,
  type ActionOutcome,
  type Undelivered,
} from '../../../shared/ipc/undelivered';
import { useDesk } from '../context';

export interface UndeliveredHandlers {
  /** An action of this operator's the hub refused. */
  readonly refused: (outcome: ActionOutcome) => void;
  /** `live` when it came as it happened, not kept from while no window listened. */
  readonly notice: (notice: Notice, live: boolean) => void;
}

/**
 * Shows each refusal and notice once, and tells the engine it was shown. They arrive live as
 * events; those raised while this window was not listening (the outbox replayed at start-up
 * before it loaded, a reload) the engine kept, and they are asked for on mounting. One that
 * comes both ways is shown once.
 */
export function useUndelivered(handlers: UndeliveredHandlers): void {
  const desk = useDesk();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    let mounted = true;
    const shown = new Set<string>();
    const show = (item: Undelivered, live: boolean): boolean => {
      if (shown.has(item.key)) return false;
      shown.add(item.key);
      if (item.event === 'notice') latest.current.notice(item.payload, live);
      else latest.current.refused(item.payload);
      return true;
    };
    const confirm = (keys: string[]): void => {
      // Not confirmed (the shell gone): it is offered again next time, shown twice at worst.
      if (keys.length > 0) void desk.notices.shown({ keys });
    };
    const offOutcome = desk.on('action.outcome', (outcome) => {
      if (outcome.outcome !== 'rejected') return;
      const item = undeliveredOutcome(outcome);
      if (show(item, true)) confirm([item.key]);
    });
    const offNotice = desk.on('notice', (notice) => {
      const item = undeliveredNotice(notice);
      if (show(item, true)) confirm([item.key]);
    });
    void desk.notices.pending().then((result) => {
      if (!mounted || !result.ok) return;
      confirm(result.value.filter((item) => show(item, false)).map((item) => item.key));
    });
    return () => {
      mounted = false;
      offOutcome();
      offNotice();
    };
  }, [desk]);
}
