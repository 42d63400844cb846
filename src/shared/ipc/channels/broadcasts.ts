import { z } from 'zod';
import { broadcastSchema, deskAlertSchema } from '../../protocol/entities-broadcasts';
import { channel } from '../channel';

export const broadcastRowSchema = z.object({
  broadcast: broadcastSchema,
  /** Actions on it still waiting in this console's outbox. */
  pending: z.boolean(),
});
export type BroadcastRow = z.infer<typeof broadcastRowSchema>;

export const deskAlertRowSchema = z.object({
  alert: deskAlertSchema,
  /** This operator has acknowledged it (or the acknowledgement is on its way). */
  ackedByMe: z.boolean(),
  /** In force: not withdrawn and not expired at hub time now. */
  active: z.boolean(),
});
export type DeskAlertRow = z.infer<typeof deskAlertRowSchema>;

export const broadcastsChannels = {
  'broadcasts.list': channel(z.undefined(), z.array(broadcastRowSchema)),
  'deskAlerts.list': channel(z.undefined(), z.array(deskAlertRowSchema)),
};
