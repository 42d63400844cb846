import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../shared/domain/entities';
import type { DeskApi } from '../../shared/ipc/client';
import type { SessionState } from '../../shared/ipc/channels/session';
import { Console } from './console/Console';
import { DeskContext } from './context';
import { SignIn } from './signin/SignIn';
import { storedTheme, type Theme } from './theme';
import { useErrorText } from './hooks/useErrorText';

const signedIn = (s: SessionState): s is SessionState & { operator: Operator } =>
  s.signedIn && s.operator !== null;

export function App({ desk }: { desk: DeskApi }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [session, setSession] = useState<SessionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    void desk.session.getState().then((result) => {
      if (result.ok) setSession(result.value);
      else setError(errorText(result.error));
    });
  }, [desk, errorText]);

  useEffect(() => {
    document.title = t('app.name');
  });

  let body;
  if (error) {
    body = (
      <main className="fatal" role="alert">
        <h1>{t('app.fatal')}</h1>
        <p>{error}</p>
      </main>
    );
  } else if (!session) {
    body = (
      <main className="loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  } else if (signedIn(session)) {
    body = (
      <Console
        session={session}
        theme={theme}
        onTheme={setTheme}
        onSignedOut={(state, how) => {
          setSessionEnded(how === 'ended');
          setSession(state);
        }}
      />
    );
  } else {
    body = (
      <SignIn
        session={session}
        sessionEnded={sessionEnded}
        onSignedIn={(state) => {
          setSessionEnded(false);
          setSession(state);
        }}
      />
    );
  }
  return <DeskContext.Provider value={desk}>{body}</DeskContext.Provider>;
}
