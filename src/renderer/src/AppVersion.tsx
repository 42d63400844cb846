import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/channels/app';
import { useDesk } from './context';

/** Version and build, so IT and the help desk know exactly what a workstation runs. */
export function AppVersion() {
  const desk = useDesk();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void desk.app.getInfo().then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, [desk]);
  if (!info) return null;
  return (
    <span className="muted app-version" data-testid="app-version">
      {info.name} {info.version} · {info.build}
    </span>
  );
}
