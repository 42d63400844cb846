import { z } from 'zod';
import { channel } from '../channel';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  build: z.string(),
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A desktop notification, written by the window in the operator's language. */
export const desktopNotificationSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(1000),
});
export type DesktopNotification = z.infer<typeof desktopNotificationSchema>;

export const appChannels = {
  'app.getInfo': channel(z.undefined(), appInfoSchema),
  /** Round-trips text through the real handler table: proves the bridge end to end. */
  'app.ping': channel(
    z.object({ text: z.string().max(1000) }),
    z.object({ text: z.string(), handledAt: z.number() }),
  ),
  /**
   * Shows a native notification (the Electron shell). `shown: false` where the shell has none
   * (the browser shell), so the window falls back to the page's own notifications.
   */
  'app.notify': channel(desktopNotificationSchema, z.object({ shown: z.boolean() })),
};
