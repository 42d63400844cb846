import { z } from 'zod';
import { noticeSchema } from '../protocol/changes';
import { connectionStateSchema } from './channels/desk';
import { emergencyStateSchema } from './channels/moderation';
import { slaAlertSchema } from './channels/sla';
import { actionOutcomeSchema } from './undelivered';

/** Events main pushes to the renderer, typed and validated like the channels. */
export const eventContract = {
  'sync.state': connectionStateSchema,
  /** The cache changed: lists refresh, and an open conversation in the list reloads. */
  'data.changed': z.object({
    conversationIds: z.array(z.string()),
    lists: z.boolean(),
  }),
  'action.outcome': actionOutcomeSchema,
  notice: noticeSchema,
  'presence.viewers': z.object({ conversationId: z.string(), names: z.array(z.string()) }),
  /** Unclaimed emergencies changed: start, update or stop the alert on this console. */
  'emergency.alert': emergencyStateSchema,
  /** A clock breached on this operator's work, or anywhere for leads (issue 6). */
  'sla.alert': slaAlertSchema,
  /**
   * The browser shell's page bridge raises this itself when its local shell has gone and
   * cannot be reached again. Electron never sends it: there the window goes with its process.
   */
  'shell.lost': z.object({}),
};
export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.infer<EventContract[E]>;
