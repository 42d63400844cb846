import { posix, win32 } from 'node:path';
import { z } from 'zod';

/** The hub speaks socket.io, which starts over HTTP(S) or straight over WebSocket. */
const HUB_PROTOCOLS = new Set(['ws:', 'wss:', 'http:', 'https:']);

export const hubUrlSchema = z
  .string()
  .trim()
  .min(1, 'the hub address is empty')
  .max(2048)
  .refine(
    (value) => {
      try {
        return HUB_PROTOCOLS.has(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: 'the hub address must be a wss://, ws://, https:// or http:// address' },
  );

// A relative path would depend on whichever folder the console happened to start in.
export const hubCaFileSchema = z
  .string()
  .trim()
  .min(1, 'the CA certificate path is empty')
  .max(1024)
  .refine((value) => win32.isAbsolute(value) || posix.isAbsolute(value), {
    message: 'the CA certificate path must be absolute (for example C:\\certs\\force-root.pem)',
  });

export const uiLanguageSchema = z.enum(['en', 'cy']);
export const themeSchema = z.enum(['light', 'dark', 'system']);

export type UiLanguage = z.infer<typeof uiLanguageSchema>;
export type Theme = z.infer<typeof themeSchema>;

/** What the user's own settings.json may hold. */
export const userSettingsFileSchema = z.object({
  hubUrl: hubUrlSchema.optional(),
  hubCaFile: hubCaFileSchema.optional(),
  uiLanguage: uiLanguageSchema.optional(),
  theme: themeSchema.optional(),
});
export type UserSettingsFile = z.infer<typeof userSettingsFileSchema>;

/** The machine-wide config.json written by IT: the same settings plus the hub lock. */
export const machineSettingsFileSchema = userSettingsFileSchema.extend({
  lockHub: z.boolean().optional(),
});
export type MachineSettingsFile = z.infer<typeof machineSettingsFileSchema>;

/** Machine policy (HKLM\SOFTWARE\Policies\SocialDesk), after the registry values are decoded. */
export const policySchema = z.object({
  hubUrl: hubUrlSchema.optional(),
  hubCaFile: hubCaFileSchema.optional(),
  lockHub: z.boolean().optional(),
});
export type PolicySettings = z.infer<typeof policySchema>;

/**
 * A change the user asks for. `null` removes the user's own value so the machine default
 * (or the built-in one) applies again.
 */
export const userSettingsPatchSchema = z.strictObject({
  hubUrl: hubUrlSchema.nullable().optional(),
  hubCaFile: hubCaFileSchema.nullable().optional(),
  uiLanguage: uiLanguageSchema.nullable().optional(),
  theme: themeSchema.nullable().optional(),
});
export type UserSettingsPatch = z.infer<typeof userSettingsPatchSchema>;

export const SETTING_KEYS = ['hubUrl', 'hubCaFile', 'uiLanguage', 'theme'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Turns a zod failure into one line a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
