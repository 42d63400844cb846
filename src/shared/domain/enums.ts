import { z } from 'zod';

/** The social platforms the desk answers on. */
export const platformSchema = z.enum(['facebook', 'x']);
export type Platform = z.infer<typeof platformSchema>;

/** Each platform's name as the public knows it, for text outside the translated interface. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { facebook: 'Facebook', x: 'X' };

/** A private direct message, or a public comment under one of the force's posts. */
export const conversationKindSchema = z.enum(['dm', 'comment']);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

export const conversationStatusSchema = z.enum(['open', 'waiting-on-public', 'resolved']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const prioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);
export type Priority = z.infer<typeof prioritySchema>;

export const languageSchema = z.enum(['en', 'cy']);
export type Language = z.infer<typeof languageSchema>;

export const categorySchema = z.enum([
  'emergency',
  'crime-report',
  'domestic-abuse',
  'sexual-offence',
  'intelligence',
  'missing-person',
  'road-traffic',
  'stolen-vehicle',
  'anti-social-behaviour',
  'fraud-cyber',
  'update-request',
  'complaint',
  'general-enquiry',
]);
export type Category = z.infer<typeof categorySchema>;

export const roleSchema = z.enum(['operator', 'lead', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Skills gate automatic assignment and what an operator may read:
 * `welsh` speakers take Welsh conversations, `confidential` marks staff
 * cleared to read intelligence and sexual-offence reports.
 */
export const skillSchema = z.enum(['welsh', 'confidential']);
export type Skill = z.infer<typeof skillSchema>;

/** `offline` is set by the hub only, when a console stays disconnected past the grace period. */
export const operatorStatusSchema = z.enum(['available', 'busy', 'on-break', 'off-shift', 'offline']);
export type OperatorStatus = z.infer<typeof operatorStatusSchema>;

export const messageDirectionSchema = z.enum(['inbound', 'outbound', 'note']);
export type MessageDirection = z.infer<typeof messageDirectionSchema>;
