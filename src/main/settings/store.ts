import { loadSettings, type LoadedSettings, type SettingsLocations } from './load';
import { saveUserSettings } from './save';

/** The settings main keeps for the life of the process, with save-and-reload in one place. */
export interface SettingsStore {
  current(): LoadedSettings;
  reload(): Promise<LoadedSettings>;
  /** Throws SettingLockedError / InvalidSettingsError, changing nothing, when it must refuse. */
  save(patch: unknown): Promise<LoadedSettings>;
}

export async function openSettingsStore(locations: SettingsLocations): Promise<SettingsStore> {
  let loaded = await loadSettings(locations);
  return {
    current: () => loaded,
    reload: async () => {
      loaded = await loadSettings(locations);
      return loaded;
    },
    save: async (patch) => {
      loaded = await saveUserSettings(locations, patch);
      return loaded;
    },
  };
}
