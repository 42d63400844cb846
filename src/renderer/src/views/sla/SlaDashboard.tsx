import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaFigures, SlaWindowKey } from '../../../../shared/ipc/channels/sla';
import { monthOf } from '../../../../shared/sla/monthly-csv';
import { useDesk } from '../../context';
import { formatClock, formatDay, formatDuration } from '../../format/time';
import { ColumnHeads } from '../ColumnHeads';
import type { ViewProps } from '../registry';
import { PolicyEditor } from './PolicyEditor';
import { TrendChart } from './TrendChart';
import { useSlaDashboard } from './useSlaDashboard';
import './sla.css';
import { useErrorText } from '../../hooks/useErrorText';

const WINDOW_KEYS: readonly SlaWindowKey[] = ['hour', 'shift', 'day', 'month'];

const pct = (share: number | null): string =>
  share === null ? '—' : `${String(Math.round(share * 1000) / 10)}%`;
const dur = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/** Green, amber or red like the countdowns, with the words beside the colour. */
function shareClass(f: SlaFigures): string {
  if (f.withinTargetShare === null) return 'sla-share sla-share-none';
  if (f.withinTargetShare >= 0.95) return 'sla-share sla-share-ok';
  if (f.withinTargetShare >= 0.8) return 'sla-share sla-share-at-risk';
  return 'sla-share sla-share-breached';
}

function download(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/**
 * The SLA dashboard for shift leads and admins: share answered within target per queue over
 * four windows, the trend, the conversations breached now, first-response times, English
 * and Welsh side by side, the monthly CSV and the targets themselves.
 */
export function SlaDashboard({ me, hubNow, openConversation }: ViewProps) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const { dashboard, error } = useSlaDashboard();
  const [range, setRange] = useState<'hourly' | 'daily'>('hourly');
  const [month, setMonth] = useState(() => monthOf(hubNow));
  const [exporting, setExporting] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const lang = i18n.language;

  // Chromium has no Welsh month names: formatDay supplies them.
  const formatTime = useCallback(
    (at: number) => (range === 'hourly' ? formatClock(at) : formatDay(at, lang)),
    [range, lang],
  );

  const points = useMemo(() => (dashboard === null ? [] : dashboard.trend[range]), [dashboard, range]);

  if (dashboard === null) {
    return (
      <section className="sla" aria-labelledby="sla-title">
        <h1 id="sla-title">{t('sla.title')}</h1>
        {error === null ? null : (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </section>
    );
  }

  const queueLabel = (id: string): string => {
    const q = dashboard.queues.find((x) => x.id === id);
    return q === undefined ? id : lang === 'cy' ? q.nameCy : q.name;
  };
  const windows = WINDOW_KEYS.map((key) => dashboard.windows.find((w) => w.key === key)).filter(
    (w): w is NonNullable<typeof w> => w !== undefined,
  );
  const measured = points.filter((p) => p.withinTargetShare !== null);
  const latest = measured.at(-1)?.withinTargetShare ?? null;
  const lowest = measured.length === 0 ? null : Math.min(...measured.map((p) => p.withinTargetShare ?? 1));
  const cell = (f: SlaFigures, key: string) => (
    <td key={key} className={shareClass(f)}>
      <span className="sla-share-value">
        {f.withinTargetShare === null ? t('sla.compliance.none') : pct(f.withinTargetShare)}
      </span>
      {f.withinTargetShare === null ? null : (
        <span className="sla-share-detail">
          {t('sla.compliance.detail', { met: f.met, measured: f.met + f.breached })}
        </span>
      )}
    </td>
  );

  const exportCsv = (): void => {
    setExporting({ kind: 'info', text: t('sla.export.working') });
    void desk.sla.monthlyCsv({ month }).then((result) => {
      if (result.ok) {
        download(result.value.fileName, result.value.csv);
        setExporting({ kind: 'info', text: t('sla.export.done', { file: result.value.fileName }) });
      } else {
        setExporting({ kind: 'error', text: errorText(result.error) });
      }
    });
  };

  return (
    <section className="sla" aria-labelledby="sla-title" data-testid="sla-dashboard">
      <div className="sla-head">
        <h1 id="sla-title">{t('sla.title')}</h1>
        <p className="muted">{t('sla.updated', { time: formatClock(dashboard.hubNow) })}</p>
      </div>

      <section aria-labelledby="sla-breaches-title" className="sla-panel">
        <h2 id="sla-breaches-title">{t('sla.breaches.title')}</h2>
        {dashboard.breaches.length === 0 ? (
          <p className="muted">{t('sla.breaches.none')}</p>
        ) : (
          <table className="sla-table" data-testid="sla-breaches">
            <ColumnHeads
              labels={[
                t('sla.breaches.contact'),
                t('sla.breaches.queue'),
                t('sla.breaches.clock'),
                t('sla.breaches.since'),
                t('sla.breaches.holder'),
                <span key="open" className="visually-hidden">
                  {t('sla.breaches.open')}
                </span>,
              ]}
            />
            <tbody>
              {dashboard.breaches.map((b) => (
                <tr key={b.conversationId} data-conversation-id={b.conversationId}>
                  <td>{b.contactName === '' ? '—' : b.contactName}</td>
                  <td>{queueLabel(b.queueId)}</td>
                  <td>{b.clock === null ? '—' : t(`sla.clock.${b.clock}`)}</td>
                  <td>
                    <span className="due due-breached">
                      {t('sla.state.breached')}
                      {b.breachedAt === null ? '' : ` · ${formatDuration(hubNow - b.breachedAt)}`}
                    </span>
                  </td>
                  <td>{b.assigneeName ?? t('sla.breaches.unassigned')}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('sla.breaches.openLabel', {
                        name: b.contactName === '' ? queueLabel(b.queueId) : b.contactName,
                      })}
                      onClick={() => {
                        openConversation(b.conversationId);
                      }}
                    >
                      {t('sla.breaches.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="sla-compliance-title" className="sla-panel">
        <h2 id="sla-compliance-title">{t('sla.compliance.title')}</h2>
        <table className="sla-table" data-testid="sla-compliance">
          <caption className="muted">{t('sla.compliance.caption')}</caption>
          <ColumnHeads
            labels={[t('sla.compliance.queue'), ...windows.map((w) => t(`sla.windows.${w.key}`))]}
          />
          <tbody>
            {dashboard.queues.map((q) => (
              <tr key={q.id} data-queue-id={q.id}>
                <th scope="row">{queueLabel(q.id)}</th>
                {windows.map((w) => {
                  const f = w.byQueue[q.id];
                  return f === undefined ? <td key={w.key}>—</td> : cell(f, w.key);
                })}
              </tr>
            ))}
            <tr className="sla-total">
              <th scope="row">{t('sla.compliance.total')}</th>
              {windows.map((w) => cell(w.total, w.key))}
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="sla-trend-title" className="sla-panel">
        <div className="sla-panel-head">
          <h2 id="sla-trend-title">{t('sla.trend.title')}</h2>
          <div role="group" aria-label={t('sla.trend.title')} className="sla-toggle">
            {(['hourly', 'daily'] as const).map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={range === r}
                className={range === r ? 'primary' : ''}
                onClick={() => {
                  setRange(r);
                }}
              >
                {t(`sla.trend.${r}`)}
              </button>
            ))}
          </div>
        </div>
        <TrendChart
          points={points}
          label={t('sla.trend.series')}
          formatTime={formatTime}
          summary={
            measured.length === 0
              ? t('sla.trend.empty')
              : `${t(`sla.trend.${range}`)}. ${t('sla.trend.summary', { share: pct(latest), low: pct(lowest) })}`
          }
        />
      </section>

      <div className="sla-columns">
        <section aria-labelledby="sla-times-title" className="sla-panel">
          <h2 id="sla-times-title">{t('sla.times.title')}</h2>
          <table className="sla-table" data-testid="sla-times">
            <ColumnHeads labels={[t('sla.times.window'), t('sla.times.median'), t('sla.times.p90')]} />
            <tbody>
              {windows.map((w) => (
                <tr key={w.key}>
                  <th scope="row">{t(`sla.windows.${w.key}`)}</th>
                  <td>{dur(w.total.medianFirstResponseMs)}</td>
                  <td>{dur(w.total.p90FirstResponseMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="sla-lang-title" className="sla-panel">
          <h2 id="sla-lang-title">{t('sla.languages.title')}</h2>
          <table className="sla-table" data-testid="sla-languages">
            <caption className="muted">{t('sla.languages.caption')}</caption>
            <ColumnHeads labels={[t('sla.times.window'), t('sla.languages.en'), t('sla.languages.cy')]} />
            <tbody>
              {windows.map((w) => (
                <tr key={w.key}>
                  <th scope="row">{t(`sla.windows.${w.key}`)}</th>
                  {([w.en, w.cy] as const).map((f, i) => (
                    <td key={i === 0 ? 'en' : 'cy'}>
                      <span>
                        {t('sla.times.median')} {dur(f.medianFirstResponseMs)} · {t('sla.times.p90')}{' '}
                        {dur(f.p90FirstResponseMs)}
                      </span>
                      <br />
                      <span className="muted">
                        {t('sla.languages.share')} {pct(f.withinTargetShare)} ·{' '}
                        {t('sla.languages.conversations')} {f.conversations}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="sla-export-title" className="sla-panel">
        <h2 id="sla-export-title">{t('sla.export.title')}</h2>
        <form
          className="sla-export"
          onSubmit={(event) => {
            event.preventDefault();
            exportCsv();
          }}
        >
          <label>
            {t('sla.export.month')}{' '}
            <input
              type="month"
              value={month}
              required
              onChange={(event) => {
                setMonth(event.target.value);
              }}
            />
          </label>
          <button type="submit" className="primary">
            {t('sla.export.download')}
          </button>
          {exporting === null ? null : (
            <span
              role={exporting.kind === 'error' ? 'alert' : 'status'}
              className={exporting.kind === 'error' ? 'error' : 'muted'}
            >
              {exporting.text}
            </span>
          )}
        </form>
      </section>

      <section aria-labelledby="sla-policy-title" className="sla-panel">
        <h2 id="sla-policy-title">{t('sla.policy.title')}</h2>
        <PolicyEditor me={me} queues={dashboard.queues} />
      </section>
    </section>
  );
}
