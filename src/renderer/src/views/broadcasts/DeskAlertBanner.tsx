import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import { useDesk } from '../../context';
import { formatClock } from '../../format/time';
import { useDeskAlerts } from './useBroadcastData';
import './broadcasts.css';
import { useErrorText } from '../../hooks/useErrorText';

/**
 * Desk alerts in force that this operator has not acknowledged yet, above everything else
 * in the console. Each stays until acknowledged, withdrawn or expired; an acknowledgement
 * made offline counts at once and reaches the hub on reconnect.
 */
export function DeskAlertBanner({ me, onError }: { me: Operator; onError: (text: string) => void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const { rows, reload } = useDeskAlerts();
  const open = rows.filter((r) => r.active && !r.ackedByMe && r.alert.createdBy !== me.id);
  if (open.length === 0) return null;
  return (
    <section className="desk-alerts" aria-label={t('broadcasts.alerts.region')} data-testid="desk-alerts">
      {open.map(({ alert }) => (
        <div
          key={alert.id}
          className={`desk-alert desk-alert-${alert.severity}`}
          role={alert.severity === 'critical' ? 'alert' : 'status'}
          data-testid="desk-alert"
        >
          <strong className="desk-alert-level">{t(`broadcasts.alerts.severity.${alert.severity}`)}</strong>
          <span className="desk-alert-text">{alert.text}</span>
          <span className="desk-alert-expiry">
            {t('broadcasts.alerts.expires', { time: formatClock(alert.expiresAt) })}
          </span>
          <button
            type="button"
            onClick={() => {
              void desk.actions.submit({ type: 'desk-alert-ack', alertId: alert.id }).then((result) => {
                if (!result.ok) onError(errorText(result.error));
                reload();
              });
            }}
          >
            {t('broadcasts.alerts.acknowledge')}
          </button>
        </div>
      ))}
    </section>
  );
}
