import { z } from 'zod';
import { idSchema } from '../domain/entities';

/**
 * What an administrator does to someone's account from the console: switch it off or on,
 * or end its sessions (a lost or shared workstation). Creating accounts and setting
 * passwords stay on the hub's command line, so no password ever sits in a console's outbox.
 */
export const accountOperationSchemas = [
  z.object({ type: z.literal('account-disable'), operatorId: idSchema }),
  z.object({ type: z.literal('account-enable'), operatorId: idSchema }),
  z.object({ type: z.literal('account-sign-out'), operatorId: idSchema }),
] as const;
