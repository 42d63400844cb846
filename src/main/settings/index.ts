export { loadSettings, type LoadedSettings, type SettingsLocations, type SourceStatus } from './load';
export { machineSettingsFile, userSettingsFile } from './paths';
export { parseRegQuery, policyFromRegistry, readMachinePolicy, POLICY_KEY } from './registry';
export {
  resolveSettings,
  REASONS,
  type ResolvedSetting,
  type ResolvedSettings,
  type SettingSource,
} from './resolve';
export { saveUserSettings, InvalidSettingsError, SettingLockedError } from './save';
export { openSettingsStore, type SettingsStore } from './store';
export type { SettingKey, Theme, UiLanguage, UserSettingsPatch } from './schema';
export { deskSettings, startSettings } from './runtime';
