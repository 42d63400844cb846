import type { DeskApi } from '../../shared/ipc/client';

/**
 * The page's own desktop notification. In Electron the page has no notification permission,
 * so this acts only in the browser shell.
 */
export function notifyFromPage(title: string, body: string): void {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') {
    new Notification(title, { body });
  } else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((permission) => {
      if (permission === 'granted') new Notification(title, { body });
    });
  }
}

/**
 * A desktop notification in the operator's language: native where the shell has them
 * (Electron), else the page's own.
 */
export function notify(desk: DeskApi, title: string, body: string): void {
  void desk.app.notify({ title, body }).then((result) => {
    if (!result.ok || !result.value.shown) notifyFromPage(title, body);
  });
}
