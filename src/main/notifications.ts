import { Notification, type BrowserWindow } from 'electron';
import type { EventName, EventPayload } from '../shared/ipc/events';

/**
 * Native notifications for work that needs the operator now, even when the console is
 * behind other windows. The page itself has no notification permission.
 */
export function notifyNatively<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  getWindow: () => BrowserWindow | null,
): void {
  if (event !== 'notice' || !Notification.isSupported()) return;
  const notice = payload as EventPayload<'notice'>;
  if (notice.kind !== 'assigned-to-you' && notice.kind !== 'moved-from-you') return;
  const notification = new Notification({ title: 'Social Desk', body: notice.text });
  notification.on('click', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  notification.show();
}
