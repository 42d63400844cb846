import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationRow } from '../../../shared/ipc/channels/desk';
import type { ConversationPages } from '../hooks/useConversationPages';
import { Badges } from './Badges';
import { contactLabel } from './contact-label';
import { DueCountdown } from './DueCountdown';

const ROW_HEIGHT = 76;

export function ConversationList({
  pages,
  selectedId,
  focusIndex,
  hubNow,
  myId,
  onSelect,
}: {
  pages: ConversationPages;
  selectedId: string | null;
  focusIndex: number | null;
  hubNow: number;
  myId: string;
  onSelect: (row: ConversationRow, index: number) => void;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render; React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    pages.ensure(first, last);
  }, [pages, first, last]);

  useEffect(() => {
    if (focusIndex !== null) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  return (
    <section className="list" aria-label={t('list.label')}>
      <p className="list-count" aria-live="polite">
        {t('list.count', { count: pages.total })}
      </p>
      {pages.loaded && pages.total === 0 && <p className="list-empty">{t('list.empty')}</p>}
      <div
        ref={scroller}
        className="list-scroller"
        role="listbox"
        aria-label={t('list.label')}
        tabIndex={0}
        data-testid="conversation-list"
        aria-activedescendant={selectedId ? `row-${selectedId}` : undefined}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            if (!row) {
              return (
                <div
                  key={item.key}
                  className="row row-loading"
                  style={style}
                  role="option"
                  aria-selected={false}
                >
                  {t('list.loadingRow')}
                </div>
              );
            }
            const c = row.conversation;
            const selected = c.id === selectedId;
            return (
              <div
                key={c.id}
                id={`row-${c.id}`}
                className={`row priority-edge-${c.priority}${selected ? ' selected' : ''}`}
                style={style}
                role="option"
                aria-selected={selected}
                aria-setsize={pages.total}
                aria-posinset={item.index + 1}
                data-testid="conversation-row"
                data-conversation-id={c.id}
                onClick={() => {
                  onSelect(row, item.index);
                }}
              >
                <div className="row-top">
                  <span className="row-name">
                    {contactLabel(t, row.contactName, c.platform, '', row.contactWithheld)}
                  </span>
                  <DueCountdown conversation={c} hubNow={hubNow} />
                </div>
                <div className="row-preview" lang={c.language}>
                  {c.confidential && c.preview === '' ? <em>{t('confidential.listPreview')}</em> : c.preview}
                </div>
                <div className="row-meta">
                  <Badges conversation={c} />
                  <span className="row-owner">
                    {c.assigneeId === myId
                      ? t('conversation.you')
                      : (row.assigneeName ?? t('list.unassigned'))}
                  </span>
                  {row.pending && <span className="pending">{t('list.pending')}</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
