import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/ipc/channels/session';
import type { IpcError } from '../../../shared/ipc/result';
import { AppVersion } from '../AppVersion';
import { useDesk } from '../context';

const KNOWN_ERRORS = [
  'bad-credentials',
  'locked',
  'disabled',
  'unreachable',
  'untrusted-certificate',
  'setting-locked',
  'invalid',
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];
const isKnown = (code: string): code is KnownError => (KNOWN_ERRORS as readonly string[]).includes(code);

export function SignIn({
  session,
  sessionEnded = false,
  onSignedIn,
}: {
  session: SessionState;
  /** The hub ended the last session (not a sign-out): say so above the form. */
  sessionEnded?: boolean;
  onSignedIn: (state: SessionState) => void;
}) {
  const { t } = useTranslation();
  const desk = useDesk();
  const ids = useId();
  const [hubUrl, setHubUrl] = useState(session.hubUrl ?? 'http://127.0.0.1:4310');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const describe = (failure: IpcError): string => {
    if (failure.code === 'locked') {
      const minutes = /(\d+)\s*min/.exec(failure.message)?.[1] ?? '15';
      return t('signIn.errors.locked', { minutes });
    }
    if (failure.code === 'invalid-arguments') return t('signIn.errors.invalid');
    if (isKnown(failure.code)) return t(`signIn.errors.${failure.code}`);
    return t('signIn.errors.generic', { message: failure.message });
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await desk.session.signIn({ hubUrl, name, password });
    setBusy(false);
    if (result.ok) {
      setPassword('');
      onSignedIn(result.value);
    } else {
      setError(describe(result.error));
    }
  };

  return (
    <main className="signin">
      <form
        className="signin-card"
        onSubmit={(e) => {
          void submit(e);
        }}
        aria-labelledby={`${ids}-title`}
      >
        <h1 id={`${ids}-title`}>{t('signIn.title')}</h1>
        {sessionEnded && (
          <p className="notice" role="status" data-testid="session-ended">
            {t('signIn.sessionEnded')}
          </p>
        )}
        <p className="muted">{t('signIn.intro')}</p>
        <label htmlFor={`${ids}-hub`}>{t('signIn.hubUrl')}</label>
        <input
          id={`${ids}-hub`}
          name="hubUrl"
          type="url"
          value={hubUrl}
          readOnly={session.hubUrlLocked}
          aria-describedby={session.hubUrlLocked ? `${ids}-locked` : undefined}
          onChange={(e) => {
            setHubUrl(e.target.value);
          }}
          required
        />
        {session.hubUrlLocked && (
          <p id={`${ids}-locked`} className="hint">
            {t('signIn.hubUrlLocked', { reason: session.hubUrlLockReason ?? '' })}
          </p>
        )}
        <label htmlFor={`${ids}-name`}>{t('signIn.name')}</label>
        <input
          id={`${ids}-name`}
          name="name"
          autoComplete="username"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
          required
          autoFocus
        />
        <label htmlFor={`${ids}-password`}>{t('signIn.password')}</label>
        <input
          id={`${ids}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <AppVersion />
      </form>
    </main>
  );
}
