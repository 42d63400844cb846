import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../shared/ipc/channels/desk';
import { AppVersion } from '../AppVersion';
import { formatClock } from '../format/time';

/**
 * Online / reconnecting / offline since hh:mm, actions waiting, and the last sync. Actions set
 * aside unsent stay on show: the toast that announced them may have come before the window.
 * A browser-shell page whose local shell has gone says only that.
 */
export function StatusBar({ connection, shellLost }: { connection: ConnectionState; shellLost: boolean }) {
  const { t } = useTranslation();
  if (shellLost) {
    // Nothing below is current any more: the shell that kept it has gone.
    return (
      <footer className="statusbar status-offline" data-testid="status-bar">
        <span className="status-dot" aria-hidden="true" />
        <strong role="alert" data-testid="connection-status">
          {t('statusBar.shellLost')}
        </strong>
        <span className="spacer" />
        <AppVersion />
      </footer>
    );
  }
  const statusText = {
    online: t('statusBar.online'),
    connecting: t('statusBar.connecting'),
    offline: t('statusBar.offline', {
      time: connection.since === null ? '--:--' : formatClock(connection.since),
    }),
    'signed-out': t('statusBar.signedOut'),
  }[connection.status];
  return (
    <footer className={`statusbar status-${connection.status}`} data-testid="status-bar">
      <span className="status-dot" aria-hidden="true" />
      <span role="status" data-testid="connection-status">
        {statusText}
      </span>
      <span data-testid="pending-actions" aria-live="polite">
        {connection.pendingActions > 0
          ? t('statusBar.waiting', { count: connection.pendingActions })
          : t('statusBar.allSent')}
      </span>
      {connection.setAsideActions > 0 ? (
        <strong data-testid="set-aside-actions" role="alert">
          {t('statusBar.setAside', { count: connection.setAsideActions })}
        </strong>
      ) : null}
      <span className="muted">
        {connection.lastSyncAt === null
          ? t('statusBar.neverSynced')
          : t('statusBar.lastSync', { time: formatClock(connection.lastSyncAt) })}
      </span>
      <span className="spacer" />
      <AppVersion />
    </footer>
  );
}
