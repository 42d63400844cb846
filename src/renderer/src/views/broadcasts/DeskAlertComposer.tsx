import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { AlertSeverity } from '../../../../shared/protocol/entities-broadcasts';
import { useDesk } from '../../context';
import { formatClock } from '../../format/time';
import { useDeskAlerts, useOperators } from './useBroadcastData';
import { useErrorText } from '../../hooks/useErrorText';

const EXPIRY_MINUTES = [30, 60, 120, 240, 480, 720] as const;

/** The lead's desk alert: compose, send to every console, and see who has acknowledged it. */
export function DeskAlertComposer({ me, hubNow }: { me: Operator; hubNow: number }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const { rows, reload } = useDeskAlerts();
  const operators = useOperators();
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<AlertSeverity>('warning');
  const [minutes, setMinutes] = useState<number>(120);
  const [message, setMessage] = useState<string | null>(null);
  const names = new Map(operators.map((o) => [o.id, o.name]));

  const send = () => {
    const body = text.trim();
    if (body === '') return;
    void desk.actions
      .submit({
        type: 'desk-alert-send',
        alertId: crypto.randomUUID(),
        text: body,
        severity,
        expiresAt: hubNow + minutes * 60_000,
      })
      .then((result) => {
        setMessage(result.ok ? t('broadcasts.alerts.sent') : errorText(result.error));
        if (result.ok) setText('');
        reload();
      });
  };

  return (
    <div className="alert-desk">
      <form
        className="bc-panel"
        aria-labelledby="alert-composer-title"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <h3 id="alert-composer-title">{t('broadcasts.alerts.composer')}</h3>
        <label className="bc-field">
          <span>{t('broadcasts.alerts.text')}</span>
          <textarea
            data-testid="alert-text"
            rows={3}
            maxLength={1000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </label>
        <div className="bc-row">
          <label className="bc-field">
            <span>{t('broadcasts.alerts.level')}</span>
            <select
              data-testid="alert-severity"
              value={severity}
              onChange={(e) => {
                setSeverity(e.target.value as AlertSeverity);
              }}
            >
              {(['info', 'warning', 'critical'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`broadcasts.alerts.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="bc-field">
            <span>{t('broadcasts.alerts.expiry')}</span>
            <select
              value={minutes}
              onChange={(e) => {
                setMinutes(Number(e.target.value));
              }}
            >
              {EXPIRY_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {m < 60 ? t('counts.minutes', { count: m }) : t('counts.hours', { count: m / 60 })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="primary" data-testid="alert-send" disabled={text.trim() === ''}>
          {t('broadcasts.alerts.send')}
        </button>
        {message === null ? null : <p role="status">{message}</p>}
      </form>

      <section className="bc-panel" aria-labelledby="alert-list-title">
        <h3 id="alert-list-title">{t('broadcasts.alerts.list')}</h3>
        {rows.length === 0 ? <p>{t('broadcasts.alerts.none')}</p> : null}
        <ul className="alert-list">
          {rows.map(({ alert, active }) => {
            const acked = new Set(alert.acks.map((a) => a.operatorId));
            const everyone = operators.filter((o) => o.id !== alert.createdBy);
            const waiting = everyone.filter((o) => !acked.has(o.id));
            const state =
              alert.cancelledAt !== null
                ? t('broadcasts.alerts.withdrawn')
                : active
                  ? t('broadcasts.alerts.active')
                  : t('broadcasts.alerts.expired');
            return (
              <li
                key={alert.id}
                className={`alert-item desk-alert-${alert.severity}`}
                data-testid="alert-item"
              >
                <div className="bc-row">
                  <strong>{t(`broadcasts.alerts.severity.${alert.severity}`)}</strong>
                  <span>{alert.text}</span>
                  <span className="bc-muted">
                    {state} · {t('broadcasts.alerts.expires', { time: formatClock(alert.expiresAt) })}
                  </span>
                  {active && alert.cancelledAt === null && alert.createdBy === me.id ? (
                    <button
                      type="button"
                      onClick={() => {
                        void desk.actions
                          .submit({ type: 'desk-alert-cancel', alertId: alert.id })
                          .then(reload);
                      }}
                    >
                      {t('broadcasts.alerts.withdraw')}
                    </button>
                  ) : null}
                </div>
                <div className="ack-columns">
                  <div data-testid="acked">
                    <h4>{t('broadcasts.alerts.acked', { count: alert.acks.length })}</h4>
                    <ul>
                      {alert.acks.length === 0 ? <li>{t('broadcasts.alerts.nobody')}</li> : null}
                      {alert.acks.map((a) => (
                        <li key={a.operatorId}>
                          {names.get(a.operatorId) ?? a.operatorId} · {formatClock(a.at)}
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div data-testid="not-acked">
                    <h4>{t('broadcasts.alerts.notAcked', { count: waiting.length })}</h4>
                    <ul>
                      {waiting.length === 0 ? <li>{t('broadcasts.alerts.nobody')}</li> : null}
                      {waiting.map((o) => (
                        <li key={o.id}>{o.name}</li>
                      ))}
                    </ul>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
