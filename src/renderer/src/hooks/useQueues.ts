import { useCallback, useEffect, useState } from 'react';
import type { QueueSummary } from '../../../shared/ipc/channels/desk';
import { useDesk } from '../context';
import { useDeskEvent } from './useDeskEvent';

export function useQueues(): QueueSummary[] {
  const desk = useDesk();
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  const load = useCallback(() => {
    void desk.queues.list().then((result) => {
      if (result.ok) setQueues(result.value);
    });
  }, [desk]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', load);
  return queues;
}
