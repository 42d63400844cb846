import { useTranslation } from 'react-i18next';
import type { ViewDef } from '../views/registry';

/** Conversations first, then the screens this role may open. Hidden when there are none. */
export function ViewTabs({
  views,
  active,
  onSelect,
}: {
  views: readonly ViewDef[];
  active: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (views.length === 0) return null;
  const tabs = [
    { id: 'conversations', label: t('views.conversations') },
    ...views.map((v) => ({ id: v.id, label: t(v.labelKey as 'views.conversations') })),
  ];
  return (
    <nav className="view-tabs" aria-label={t('views.label')}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          data-testid={`view-${tab.id}`}
          aria-current={tab.id === active ? 'page' : undefined}
          onClick={() => {
            onSelect(tab.id);
          }}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
