import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/entities';
import { formatDuration } from '../format/time';

/** Minutes before the due time at which a conversation counts as at risk in the list. */
const AT_RISK_MS = 5 * 60_000;

export function dueState(conversation: Conversation, hubNow: number): 'none' | 'ok' | 'at-risk' | 'breached' {
  if (conversation.responseDueAt === null || conversation.status !== 'open') return 'none';
  const left = conversation.responseDueAt - hubNow;
  if (left < 0) return 'breached';
  return left <= AT_RISK_MS ? 'at-risk' : 'ok';
}

/** The response countdown in hub time, in colour and in words. */
export function DueCountdown({ conversation, hubNow }: { conversation: Conversation; hubNow: number }) {
  const { t } = useTranslation();
  const state = dueState(conversation, hubNow);
  if (state === 'none' || conversation.responseDueAt === null) {
    return <span className="due due-none">{t('list.noDue')}</span>;
  }
  const left = conversation.responseDueAt - hubNow;
  return (
    <span className={`due due-${state}`}>
      {left < 0
        ? t('list.overdue', { time: formatDuration(left) })
        : t('list.dueIn', { time: formatDuration(left) })}
    </span>
  );
}
