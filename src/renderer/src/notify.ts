/**
 * Desktop notifications from the page. In Electron the page has no notification
 * permission (main shows native ones), so this only acts in the browser shell.
 */
export function notify(title: string, body: string): void {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') {
    new Notification(title, { body });
  } else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((permission) => {
      if (permission === 'granted') new Notification(title, { body });
    });
  }
}
