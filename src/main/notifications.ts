import { Notification, type BrowserWindow } from 'electron';
import type { EventName, EventPayload } from '../shared/ipc/events';
import { createEmergencyNotifier } from './emergency-notification';

/**
 * Native notifications for work that needs the operator now, even when the console is
 * behind other windows. The page itself has no notification permission.
 */
export function notifyNatively<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  getWindow: () => BrowserWindow | null,
): void {
  if (!Notification.isSupported()) return;
  if (event === 'emergency.alert') {
    // Urgent and never silent: the renderer's repeating tone plays alongside it.
    for (const body of nextEmergencies(payload as EventPayload<'emergency.alert'>)) {
      show(new Notification({ title: 'Social Desk: EMERGENCY', body, urgency: 'critical' }), getWindow);
    }
    return;
  }
  if (event !== 'notice') return;
  const notice = payload as EventPayload<'notice'>;
  if (notice.kind !== 'assigned-to-you' && notice.kind !== 'moved-from-you') return;
  show(new Notification({ title: 'Social Desk', body: notice.text }), getWindow);
}

const nextEmergencies = createEmergencyNotifier();

function show(notification: Notification, getWindow: () => BrowserWindow | null): void {
  notification.on('click', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  notification.show();
}
