import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { ModerationItem } from '../../../../shared/ipc/channels/moderation';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { useErrorText } from '../../hooks/useErrorText';
import { ModerationCard } from './ModerationCard';
import './moderation.css';

/** The moderation controls for each public comment in the open conversation. */
export function CommentModeration({ conversationId, me }: { conversationId: string; me: Operator }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [items, setItems] = useState<ModerationItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void desk.moderation.forConversation({ conversationId }).then((result) => {
      if (result.ok) {
        setItems(result.value);
        setError(null);
      } else setError(errorText(result.error));
    });
  }, [desk, conversationId, errorText]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', (change) => {
    if (change.lists || change.conversationIds.includes(conversationId)) load();
  });
  if (items.length === 0) {
    return error === null ? null : (
      <p className="warning" role="alert">
        {error}
      </p>
    );
  }
  return (
    <details className="comment-moderation" data-testid="comment-moderation">
      <summary>
        {t('moderation.inThread')} ({items.length})
      </summary>
      {error !== null && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      {items.map((item) => (
        <ModerationCard key={item.moderation.id} item={item} me={me} onError={setError} />
      ))}
    </details>
  );
}
