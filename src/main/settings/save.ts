import { readSettingsFile, setAside, writeJsonAtomically } from './files';
import { loadSettings, resolvedPaths, type LoadedSettings, type SettingsLocations } from './load';
import {
  describeIssues,
  SETTING_KEYS,
  userSettingsFileSchema,
  userSettingsPatchSchema,
  type SettingKey,
  type UserSettingsFile,
} from './schema';

const LABELS: Record<SettingKey, string> = {
  hubUrl: 'The hub address',
  hubCaFile: "The hub's CA certificate",
  uiLanguage: 'The language',
  theme: 'The theme',
};

/** Raised when the user (or the UI) tries to change a setting IT has locked. */
export class SettingLockedError extends Error {
  constructor(
    readonly key: SettingKey,
    readonly reason: string,
  ) {
    super(`${LABELS[key]} cannot be changed here: ${reason}.`);
    this.name = 'SettingLockedError';
  }
}

export class InvalidSettingsError extends Error {
  constructor(detail: string) {
    super(`These settings are not valid: ${detail}.`);
    this.name = 'InvalidSettingsError';
  }
}

export interface SaveOptions {
  /** Injectable clock for the name of a set-aside damaged file. */
  readonly now?: () => number;
}

/**
 * Saves the user's own settings. Reads every source afresh first, so a lock IT applied since
 * start-up is honoured; refuses the whole change if it touches a locked setting, and changes
 * nothing when it does. Returns the settings as they now stand.
 */
export async function saveUserSettings(
  locations: SettingsLocations,
  patch: unknown,
  options: SaveOptions = {},
): Promise<LoadedSettings> {
  const parsed = userSettingsPatchSchema.safeParse(patch);
  if (!parsed.success) throw new InvalidSettingsError(describeIssues(parsed.error));
  const changes = parsed.data;

  const before = await loadSettings(locations);
  for (const key of SETTING_KEYS) {
    if (changes[key] === undefined) continue;
    const current = before.settings[key];
    if (current.locked) throw new SettingLockedError(key, current.reason);
  }

  const { userFile } = resolvedPaths(locations);
  const existing = await readSettingsFile(userFile, 'Your settings file', userSettingsFileSchema);
  let next: UserSettingsFile = existing.state === 'loaded' ? { ...existing.data } : {};
  if (existing.state === 'ignored') await setAside(userFile, (options.now ?? Date.now)());
  for (const key of SETTING_KEYS) {
    const value = changes[key];
    if (value === undefined) continue;
    if (value === null) {
      const { [key]: _removed, ...rest } = next;
      next = rest;
    } else {
      next = { ...next, [key]: value };
    }
  }
  await writeJsonAtomically(userFile, userSettingsFileSchema.parse(next));
  return loadSettings(locations);
}
