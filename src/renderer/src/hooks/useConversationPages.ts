import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationListInput, ConversationRow } from '../../../shared/ipc/channels/desk';
import { useDesk } from '../context';
import { useDeskEvent } from './useDeskEvent';

export const PAGE_SIZE = 100;

export interface ConversationPages {
  readonly total: number;
  readonly loaded: boolean;
  rowAt(index: number): ConversationRow | undefined;
  indexOf(id: string): number;
  /** Makes sure rows from..to are loaded (the virtual list calls this as it scrolls). */
  ensure(from: number, to: number): void;
}

/**
 * Windowed access to the engine's conversation list: only the pages on screen are asked
 * for, so 100,000 cached conversations cost no more than 100. A change in the cache
 * refreshes the pages in view without clearing them first (no flashing rows); pages out of
 * view are kept only to show until they are asked for again as they scroll back in.
 */
export function useConversationPages(
  query: Omit<ConversationListInput, 'offset' | 'limit'>,
): ConversationPages {
  const desk = useDesk();
  /** Each page's rows and the generation it was read in: an older one is out of date. */
  const pages = useRef(new Map<number, { rows: ConversationRow[]; gen: number }>());
  const inFlight = useRef(new Set<number>());
  const visible = useRef<[number, number]>([0, PAGE_SIZE - 1]);
  const generation = useRef(0);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [, setVersion] = useState(0);
  const queryKey = JSON.stringify(query);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const result = await desk.conversations.list({
        ...(JSON.parse(queryKey) as typeof query),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      inFlight.current.delete(page);
      if (gen !== generation.current || !result.ok) return;
      pages.current.set(page, { rows: result.value.rows, gen });
      setTotal(result.value.total);
      setLoaded(true);
      setVersion((v) => v + 1);
    },
    [desk, queryKey],
  );

  const refreshVisible = useCallback(
    (clear: boolean) => {
      generation.current += 1;
      inFlight.current.clear();
      if (clear) pages.current.clear();
      const [from, to] = visible.current;
      const gen = generation.current;
      for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) {
        void fetchPage(page, gen);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    visible.current = [0, PAGE_SIZE - 1];
    refreshVisible(true);
  }, [refreshVisible]);

  useDeskEvent('data.changed', (change) => {
    if (change.lists || change.conversationIds.length > 0) refreshVisible(false);
  });

  return {
    total,
    loaded,
    rowAt: (index) => pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE],
    indexOf: (id) => {
      for (const [page, { rows }] of pages.current) {
        const at = rows.findIndex((row) => row.conversation.id === id);
        if (at >= 0) return page * PAGE_SIZE + at;
      }
      return -1;
    },
    ensure: (from, to) => {
      visible.current = [from, to];
      for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) {
        // Also a page read before the last change: scrolled back to, it is read again.
        if (pages.current.get(page)?.gen !== generation.current) void fetchPage(page, generation.current);
      }
    },
  };
}
