import { useEffect, useState } from 'react';
import type { DeskApi } from '../../shared/ipc/client';
import type { AppInfo } from '../../shared/ipc/channels/app';

export function App({ desk }: { desk: DeskApi }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void desk.app.getInfo().then((result) => {
      if (result.ok) setInfo(result.value);
      else setError(result.error.message);
    });
  }, [desk]);

  return (
    <main className="app">
      <header className="topbar">
        <h1>Social Desk</h1>
        {info && (
          <span className="muted" data-testid="app-version">
            {info.version} · {info.build} · {info.shell}
          </span>
        )}
      </header>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
