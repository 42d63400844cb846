import { useTranslation } from 'react-i18next';
import type { QueueSummary } from '../../../shared/ipc/channels/desk';

export type View =
  { kind: 'all' } | { kind: 'mine' } | { kind: 'unassigned' } | { kind: 'queue'; queueId: string };

export function sameView(a: View, b: View): boolean {
  return a.kind === b.kind && (a.kind !== 'queue' || (b.kind === 'queue' && a.queueId === b.queueId));
}

export function QueueRail({
  queues,
  view,
  onView,
}: {
  queues: QueueSummary[];
  view: View;
  onView: (view: View) => void;
}) {
  const { t, i18n } = useTranslation();
  const fixed: { view: View; label: string }[] = [
    { view: { kind: 'all' }, label: t('queues.all') },
    { view: { kind: 'mine' }, label: t('queues.mine') },
    { view: { kind: 'unassigned' }, label: t('queues.unassigned') },
  ];
  return (
    <nav className="rail" aria-label={t('queues.title')}>
      <ul>
        {fixed.map((item) => (
          <li key={item.view.kind}>
            <button
              type="button"
              className="rail-item"
              aria-current={sameView(view, item.view) ? 'page' : undefined}
              onClick={() => {
                onView(item.view);
              }}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <h2 className="rail-heading">{t('queues.title')}</h2>
      <ul>
        {queues.map(({ queue, open, unassigned, atRisk }) => {
          const itemView: View = { kind: 'queue', queueId: queue.id };
          return (
            <li key={queue.id}>
              <button
                type="button"
                className="rail-item"
                data-testid={`queue-${queue.id}`}
                aria-current={sameView(view, itemView) ? 'page' : undefined}
                onClick={() => {
                  onView(itemView);
                }}
              >
                <span className="rail-name">{i18n.language === 'cy' ? queue.nameCy : queue.name}</span>
                <span className="rail-counts">
                  <span>{t('queues.open', { count: open })}</span>
                  <span>{t('queues.unassignedCount', { count: unassigned })}</span>
                  <span className={atRisk > 0 ? 'at-risk' : undefined}>
                    {t('queues.atRisk', { count: atRisk })}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
