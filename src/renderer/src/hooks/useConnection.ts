import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc/channels/desk';
import { useDesk } from '../context';
import { useDeskEvent } from './useDeskEvent';

const INITIAL: ConnectionState = {
  status: 'connecting',
  since: null,
  pendingActions: 0,
  setAsideActions: 0,
  lastSyncAt: null,
  clockOffsetMs: 0,
  lastSeq: 0,
};

/** The link to the hub, and (browser shell) whether the page lost its local shell. */
export function useConnection(): { connection: ConnectionState; shellLost: boolean } {
  const desk = useDesk();
  const [state, setState] = useState<ConnectionState>(INITIAL);
  const [shellLost, setShellLost] = useState(false);
  useEffect(() => {
    void desk.sync.getState().then((result) => {
      if (result.ok) setState(result.value);
    });
  }, [desk]);
  useDeskEvent('sync.state', setState);
  useDeskEvent('shell.lost', () => {
    setShellLost(true);
  });
  return { connection: state, shellLost };
}
