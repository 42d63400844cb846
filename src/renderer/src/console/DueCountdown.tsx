import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/entities';
import { liveSlaState } from '../../../shared/sla/live';
import { dueRisk, type DueRisk } from '../../../shared/workload';
import { formatDuration } from '../format/time';
import { useSlaStatus } from '../views/sla/sla-store';

/** The shared rule (src/shared/workload), used until the hub's SLA status is in the cache. */
export function dueState(conversation: Conversation, hubNow: number): DueRisk {
  return dueRisk(conversation, hubNow);
}

/**
 * The SLA countdown in hub time, in colour and in words. It follows the hub's own SLA
 * status (warning point and due time from the policies) and moves on with the hub clock.
 */
export function DueCountdown({ conversation, hubNow }: { conversation: Conversation; hubNow: number }) {
  const { t } = useTranslation();
  const status = useSlaStatus(conversation.id);
  if (status !== undefined && conversation.status !== 'resolved') {
    const state = liveSlaState(status, hubNow);
    const label = t(`sla.state.${state}`);
    if (state === 'paused' || status.dueAt === null) {
      const text =
        state === 'breached'
          ? t('sla.countdown.pausedOverdue')
          : state === 'paused'
            ? t('sla.countdown.paused', { time: formatDuration(Math.max(0, status.remainingMs ?? 0)) })
            : label;
      return (
        <span className={`due due-${state === 'paused' ? 'none' : state}`} data-sla-state={state}>
          {text}
        </span>
      );
    }
    const left = status.dueAt - hubNow;
    return (
      <span className={`due due-${state}`} data-sla-state={state}>
        {left < 0
          ? t('sla.countdown.overdue', { state: label, time: formatDuration(left) })
          : t('sla.countdown.dueIn', { state: label, time: formatDuration(left) })}
      </span>
    );
  }
  const state = dueState(conversation, hubNow);
  if (state === 'none' || conversation.responseDueAt === null) {
    return <span className="due due-none">{t('list.noDue')}</span>;
  }
  const left = conversation.responseDueAt - hubNow;
  return (
    <span className={`due due-${state}`} data-sla-state={state}>
      {left < 0
        ? t('sla.countdown.overdue', { state: t(`sla.state.${state}`), time: formatDuration(left) })
        : t('sla.countdown.dueIn', { state: t(`sla.state.${state}`), time: formatDuration(left) })}
    </span>
  );
}
