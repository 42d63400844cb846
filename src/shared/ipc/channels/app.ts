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

export const appChannels = {
  'app.getInfo': channel(z.undefined(), appInfoSchema),
  /** Round-trips text through the real handler table: proves the bridge end to end. */
  'app.ping': channel(
    z.object({ text: z.string().max(1000) }),
    z.object({ text: z.string(), handledAt: z.number() }),
  ),
};
