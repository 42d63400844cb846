import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationStatus, Language, Platform, Priority } from '../../../shared/domain/enums';

export interface FilterState {
  platform?: Platform;
  language?: Language;
  status?: ConversationStatus;
  priority?: Priority;
  search: string;
  sort: 'due' | 'newest';
}

const PLATFORMS: Platform[] = ['facebook', 'x'];
const LANGUAGES: Language[] = ['en', 'cy'];
const STATUSES: ConversationStatus[] = ['open', 'waiting-on-public', 'resolved'];
const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

/** A select whose first option, "Any", clears the filter. */
function FilterSelect<T extends string>({
  label,
  any,
  values,
  value,
  labelOf,
  onPick,
}: {
  label: string;
  any: string;
  values: readonly T[];
  value: T | undefined;
  labelOf: (value: T) => string;
  onPick: (value: T | undefined) => void;
}) {
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => {
          onPick(values.find((v) => v === e.target.value));
        }}
      >
        <option value="">{any}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {labelOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Filters({
  filters,
  onChange,
  searchRef,
}: {
  filters: FilterState;
  onChange: (next: FilterState) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const ids = useId();
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('filters.title')}
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <label htmlFor={`${ids}-search`} className="visually-hidden">
        {t('filters.search')}
      </label>
      <input
        id={`${ids}-search`}
        ref={searchRef}
        type="search"
        data-testid="search"
        placeholder={t('filters.searchPlaceholder')}
        value={filters.search}
        onChange={(e) => {
          onChange({ ...filters, search: e.target.value });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <FilterSelect
        label={t('filters.platform')}
        any={t('filters.any')}
        values={PLATFORMS}
        value={filters.platform}
        labelOf={(p) => t(`badges.platform.${p}`)}
        onPick={(platform) => {
          onChange({ ...filters, platform });
        }}
      />
      <FilterSelect
        label={t('filters.language')}
        any={t('filters.any')}
        values={LANGUAGES}
        value={filters.language}
        labelOf={(l) => t(`badges.language.${l}`)}
        onPick={(language) => {
          onChange({ ...filters, language });
        }}
      />
      <FilterSelect
        label={t('filters.status')}
        any={t('filters.any')}
        values={STATUSES}
        value={filters.status}
        labelOf={(st) => t(`badges.status.${st}`)}
        onPick={(status) => {
          onChange({ ...filters, status });
        }}
      />
      <FilterSelect
        label={t('filters.priority')}
        any={t('filters.any')}
        values={PRIORITIES}
        value={filters.priority}
        labelOf={(p) => t(`badges.priority.${p}`)}
        onPick={(priority) => {
          onChange({ ...filters, priority });
        }}
      />
      <label>
        {t('filters.sort')}
        <select
          value={filters.sort}
          onChange={(e) => {
            onChange({ ...filters, sort: e.target.value === 'newest' ? 'newest' : 'due' });
          }}
        >
          <option value="due">{t('filters.sortDue')}</option>
          <option value="newest">{t('filters.sortNewest')}</option>
        </select>
      </label>
    </form>
  );
}
