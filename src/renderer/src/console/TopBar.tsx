import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/domain/entities';
import type { OperatorStatus } from '../../../shared/domain/enums';
import type { Theme } from '../theme';

const SETTABLE: OperatorStatus[] = ['available', 'busy', 'on-break', 'off-shift'];

export function TopBar({
  me,
  theme,
  onStatus,
  onToggleLanguage,
  onToggleTheme,
  onShortcuts,
  onSignOut,
}: {
  me: Operator;
  theme: Theme;
  onStatus: (status: Exclude<OperatorStatus, 'offline'>) => void;
  onToggleLanguage: () => void;
  onToggleTheme: () => void;
  onShortcuts: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  return (
    <header className="topbar">
      <h1>{t('app.name')}</h1>
      <span className="muted" data-testid="signed-in-as">
        {t('top.signedInAs', { name: me.name, role: t(`roles.${me.role}`) })}
      </span>
      <span className="spacer" />
      <label htmlFor={`${ids}-status`}>{t('top.status')}</label>
      <select
        id={`${ids}-status`}
        data-testid="my-status"
        value={me.status === 'offline' ? 'available' : me.status}
        onChange={(e) => {
          const status = SETTABLE.find((s) => s === e.target.value);
          if (status && status !== 'offline') onStatus(status);
        }}
      >
        {SETTABLE.map((status) => (
          <option key={status} value={status}>
            {t(`operatorStatus.${status}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={onToggleLanguage}
        title={t('top.languageLabel')}
        data-testid="toggle-language"
        lang={t('top.language') === 'English' ? 'en' : 'cy'}
      >
        {t('top.language')}
      </button>
      <button type="button" onClick={onToggleTheme} data-testid="toggle-theme">
        {theme === 'dark' ? t('top.themeLight') : t('top.themeDark')}
      </button>
      <button type="button" onClick={onShortcuts} aria-keyshortcuts="?">
        {t('top.shortcuts')}
      </button>
      <button type="button" onClick={onSignOut} data-testid="sign-out">
        {t('top.signOut')}
      </button>
    </header>
  );
}
