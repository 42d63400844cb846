import { Notification, type BrowserWindow } from 'electron';
import type { DesktopNotification } from '../shared/ipc/channels/app';
import type { EventName, EventPayload } from '../shared/ipc/events';
import { createEmergencyNotifier } from './emergency-notification';

/**
 * Native notifications for work that needs the operator now, even when the console is
 * behind other windows. The page itself has no notification permission.
 *
 * Emergencies are raised here, from the engine's event, so they are announced even if the
 * window is frozen or reloading; main does not know the operator's language, so they are
 * bilingual. Everything else (SLA alerts, work given to or taken from the operator) the
 * window asks for through `app.notify`, already translated.
 */
export function notifyNatively<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  getWindow: () => BrowserWindow | null,
): void {
  if (event !== 'emergency.alert' || !Notification.isSupported()) return;
  // Urgent and never silent: the renderer's repeating tone plays alongside it.
  for (const body of nextEmergencies(payload as EventPayload<'emergency.alert'>)) {
    show(
      new Notification({ title: 'Social Desk: ARGYFWNG / EMERGENCY', body, urgency: 'critical' }),
      getWindow,
    );
  }
}

/** The window's own notification, in its language; false where the system has none. */
export function showNotification(
  notification: DesktopNotification,
  getWindow: () => BrowserWindow | null,
): boolean {
  if (!Notification.isSupported()) return false;
  show(new Notification({ title: notification.title, body: notification.body }), getWindow);
  return true;
}

const nextEmergencies = createEmergencyNotifier();

/**
 * Notifications on screen. Electron holds a shown notification only weakly, so without a
 * reference of ours its click handler can be collected and a click brings nothing to the
 * front (electron/electron#16922).
 */
const onScreen = new Set<Notification>();

function show(notification: Notification, getWindow: () => BrowserWindow | null): void {
  onScreen.add(notification);
  notification.on('click', () => {
    onScreen.delete(notification);
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  notification.on('close', () => {
    onScreen.delete(notification);
  });
  notification.show();
}
