import { z } from 'zod';
import {
  categorySchema,
  conversationKindSchema,
  languageSchema,
  platformSchema,
  prioritySchema,
} from '../domain/enums';

export const triageInputSchema = z.object({
  text: z.string().max(20000),
  platform: platformSchema,
  kind: conversationKindSchema,
});
export type TriageInput = z.infer<typeof triageInputSchema>;

export const personalDetailKindSchema = z.enum([
  'phone',
  'email',
  'postcode',
  'vehicle-registration',
  'street-address',
]);
export const breachSchema = z.enum(['abusive', 'hateful', 'obscene', 'spam', 'impersonation']);

export const triageResultSchema = z.object({
  language: languageSchema,
  category: categorySchema,
  emergency: z.boolean(),
  priority: prioritySchema,
  /** Intelligence and sexual-offence reports: only cleared staff read the text. */
  confidential: z.boolean(),
  personalDetails: z.array(personalDetailKindSchema),
  breaches: z.array(breachSchema),
  reasons: z.array(z.string()),
});
export type TriageResult = z.infer<typeof triageResultSchema>;
