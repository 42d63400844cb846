import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItem } from '../../../../shared/ipc/channels/leads';
import { formatDuration } from '../../format/time';

export const DRAG_TYPE = 'application/x-desk-conversations';

/** One conversation on the board: selectable by keyboard, draggable to another row. */
export function ItemCard({
  item,
  hubNow,
  selected,
  onToggle,
  onDragStart,
  onDragEnd,
  onOpen,
}: {
  item: BoardItem;
  hubNow: number;
  selected: boolean;
  onToggle: (id: string) => void;
  onDragStart: (id: string, event: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const who = item.contactName || t(`badges.category.${item.category}`);
  return (
    <li
      className={`board-item item-risk-${item.risk}${selected ? ' is-selected' : ''}${item.pending ? ' is-pending' : ''}`}
      draggable
      data-testid="board-item"
      data-conversation-id={item.id}
      title={t('leads.item.drag')}
      onDragStart={(event) => {
        onDragStart(item.id, event);
      }}
      onDragEnd={onDragEnd}
    >
      <input
        type="checkbox"
        checked={selected}
        aria-label={t('leads.item.select', { name: who })}
        onChange={() => {
          onToggle(item.id);
        }}
      />
      <button
        type="button"
        className="link"
        onClick={() => {
          onOpen(item.id);
        }}
      >
        {who}
      </button>
      <span className="board-item-meta">
        {t(`badges.category.${item.category}`)}
        {item.language === 'cy' ? ' · CY' : ''}
        {item.confidential ? ` · ${t('leads.item.confidential')}` : ''}
        {' · '}
        {t('leads.item.waiting', { time: formatDuration(hubNow - item.waitingSince) })}
      </span>
      {item.preview !== '' && (
        <span className="board-item-preview" lang={item.language}>
          {item.preview.length > 90 ? `${item.preview.slice(0, 89)}…` : item.preview}
        </span>
      )}
      {(item.risk === 'at-risk' || item.risk === 'breached') && (
        <span className={`risk-badge risk-${item.risk}`}>{t(`leads.risk.${item.risk}`)}</span>
      )}
    </li>
  );
}
