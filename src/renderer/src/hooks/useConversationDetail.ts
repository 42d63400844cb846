import { useCallback, useEffect, useState } from 'react';
import type { ConversationDetail } from '../../../shared/ipc/channels/desk';
import { useDesk } from '../context';
import { useDeskEvent } from './useDeskEvent';

type Loaded = { id: string; detail: ConversationDetail | null; missing: boolean };

/**
 * The open conversation, reloaded whenever the cache says it changed. State is keyed by
 * id so a newly selected conversation never shows the previous one's thread.
 */
export function useConversationDetail(id: string | null): {
  detail: ConversationDetail | null;
  missing: boolean;
  reload: () => void;
} {
  const desk = useDesk();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [viewers, setViewers] = useState<{ id: string; names: string[] } | null>(null);

  const reload = useCallback(() => {
    if (id === null) return;
    void desk.conversations.get({ id }).then((result) => {
      setLoaded(
        result.ok ? { id, detail: result.value, missing: false } : { id, detail: null, missing: true },
      );
    });
  }, [desk, id]);

  useEffect(() => {
    if (id === null) return;
    reload();
    // Presence, and the audit record when this is confidential.
    void desk.conversations.view({ id });
    return () => {
      void desk.conversations.view({ id: null });
    };
  }, [desk, id, reload]);

  useDeskEvent('data.changed', (change) => {
    if (id !== null && change.conversationIds.includes(id)) reload();
  });
  useDeskEvent('presence.viewers', (event) => {
    setViewers({ id: event.conversationId, names: event.names });
  });

  const current = loaded && loaded.id === id ? loaded : null;
  const detail = current?.detail ?? null;
  const liveViewers = viewers && viewers.id === id ? viewers.names : null;
  return {
    detail: detail && liveViewers ? { ...detail, viewers: liveViewers } : detail,
    missing: current?.missing ?? false,
    reload,
  };
}
