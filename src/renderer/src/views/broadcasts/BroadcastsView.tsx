import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import type { ViewProps } from '../registry';
import { BroadcastDetail } from './BroadcastDetail';
import { BroadcastEditor } from './BroadcastEditor';
import { DeskAlertComposer } from './DeskAlertComposer';
import { useBroadcasts, useOperators } from './useBroadcastData';
import './broadcasts.css';
import { isLead } from '../../../../shared/domain/clearance';

type Section = 'broadcasts' | 'alerts';
type Editing =
  { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string };

/**
 * Public broadcasts and desk alerts. Everyone on the desk may draft and submit; shift leads
 * approve, publish, retry, retract and alert the desk. The hub enforces every one of these.
 */
export function BroadcastsView({ me, hubNow }: ViewProps) {
  const { t, i18n } = useTranslation();
  const { rows, reload } = useBroadcasts();
  const operators = useOperators();
  const names = useMemo(() => new Map(operators.map((o) => [o.id, o.name])), [operators]);
  const [section, setSection] = useState<Section>('broadcasts');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const lead = isLead(me);
  const selected = rows.find((r) => r.broadcast.id === selectedId) ?? null;
  const now = hubNow;

  return (
    <div className="broadcasts" data-testid="broadcasts-view">
      <header className="bc-row bc-top">
        <h1>{t('broadcasts.title')}</h1>
        {lead ? (
          <nav className="bc-sections" aria-label={t('broadcasts.title')}>
            {(['broadcasts', 'alerts'] as const).map((s) => (
              <button
                key={s}
                type="button"
                data-testid={`bc-section-${s}`}
                aria-current={section === s ? 'page' : undefined}
                onClick={() => {
                  setSection(s);
                }}
              >
                {t(`broadcasts.sections.${s}`)}
              </button>
            ))}
          </nav>
        ) : null}
      </header>
      {section === 'alerts' && lead ? (
        <DeskAlertComposer me={me} hubNow={now} />
      ) : (
        <div className="bc-columns">
          <nav className="bc-list" aria-labelledby="bc-list-title">
            <h2 id="bc-list-title">{t('broadcasts.list.title')}</h2>
            <button
              type="button"
              className="primary"
              data-testid="bc-new"
              onClick={() => {
                setEditing({ kind: 'new' });
                setSelectedId(null);
              }}
            >
              {t('broadcasts.list.new')}
            </button>
            {rows.length === 0 ? <p>{t('broadcasts.list.empty')}</p> : null}
            <ul>
              {rows.map(({ broadcast: b, pending }) => (
                <li key={b.id}>
                  <button
                    type="button"
                    className="bc-list-item"
                    data-testid="bc-list-item"
                    aria-current={b.id === selectedId ? 'true' : undefined}
                    onClick={() => {
                      setSelectedId(b.id);
                      setEditing({ kind: 'none' });
                    }}
                  >
                    <span className="bc-list-title">
                      {b.title === '' ? t('broadcasts.list.untitled') : b.title}
                    </span>
                    <span className={`bc-status bc-status-${b.status}`}>
                      {t(`broadcasts.status.${b.status}`)}
                    </span>
                    {b.emergency && b.signedOffBy === null ? <span className="bc-flag">!</span> : null}
                    <span className="bc-muted">
                      {formatDateTime(b.updatedAt, i18n.language)}
                      {pending ? ` · ${t('broadcasts.list.pending')}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="bc-main">
            {editing.kind === 'new' ? (
              <BroadcastEditor
                key="new"
                existing={null}
                onDone={(id) => {
                  setEditing({ kind: 'none' });
                  setSelectedId(id);
                  reload();
                }}
              />
            ) : editing.kind === 'edit' && selected !== null ? (
              <BroadcastEditor
                // Not rebuilt when another version arrives: the text typed here would go.
                key={`edit-${selected.broadcast.id}`}
                existing={selected.broadcast}
                onDone={(id) => {
                  setEditing({ kind: 'none' });
                  setSelectedId(id);
                  reload();
                }}
              />
            ) : selected !== null ? (
              <BroadcastDetail
                // A fresh panel per broadcast: a comment, retraction reason or error typed for
                // one must never be sent with, or shown under, the next one opened.
                key={selected.broadcast.id}
                broadcast={selected.broadcast}
                pending={selected.pending}
                me={me}
                hubNow={now}
                names={names}
                onEdit={() => {
                  setEditing({ kind: 'edit', id: selected.broadcast.id });
                }}
              />
            ) : (
              <p className="bc-muted">{t('broadcasts.detail.empty')}</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
