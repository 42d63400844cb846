import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationFilterName, ModerationList } from '../../../../shared/ipc/channels/moderation';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { useErrorText } from '../../hooks/useErrorText';
import type { ViewProps } from '../registry';
import { ModerationCard } from './ModerationCard';
import './moderation.css';

const FILTERS: readonly ModerationFilterName[] = ['review', 'hidden', 'flagged', 'all'];

/** Comments hidden automatically and comments flagged for a decision, with every action. */
export function ModerationView({ me, openConversation }: ViewProps) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<ModerationFilterName>('review');
  const [list, setList] = useState<ModerationList>({
    items: [],
    counts: { review: 0, hidden: 0, flagged: 0 },
  });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void desk.moderation.list({ filter, limit: 200 }).then((result) => {
      if (result.ok) setList(result.value);
      else setError(errorText(result.error));
    });
  }, [desk, filter, errorText]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', load);
  useDeskEvent('action.outcome', (outcome) => {
    if (outcome.type === 'moderate' && outcome.outcome === 'rejected') setError(outcome.reason ?? '');
    load();
  });

  return (
    <section className="moderation-view" aria-labelledby="moderation-title" data-testid="moderation-view">
      <h2 id="moderation-title">{t('moderation.title')}</h2>
      <div className="mod-filters" role="radiogroup" aria-label={t('moderation.filters.label')}>
        {FILTERS.map((f) => (
          <label key={f} className={filter === f ? 'tab active' : 'tab'}>
            <input
              type="radio"
              name="moderation-filter"
              value={f}
              checked={filter === f}
              onChange={() => {
                setFilter(f);
              }}
            />
            {f === 'all'
              ? t('moderation.filters.all')
              : t(`moderation.filters.${f}`, { count: list.counts[f] })}
          </label>
        ))}
      </div>
      {error !== null && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="muted">{t('moderation.empty')}</p>
      ) : (
        <div className="mod-list">
          {list.items.map((item) => (
            <ModerationCard
              key={item.moderation.id}
              item={item}
              me={me}
              onOpen={openConversation}
              onError={setError}
            />
          ))}
        </div>
      )}
    </section>
  );
}
