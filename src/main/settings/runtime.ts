import type { SettingsStore } from './store';
import { openSettingsStore } from './store';

let store: SettingsStore | null = null;

/**
 * Loads managed settings once at start-up (main calls this after app.whenReady) and logs every
 * problem found, so IT can see in the log why a desk ignored its config.
 */
export async function startSettings(
  userDataDir: string,
  log: (line: string) => void = console.warn,
): Promise<SettingsStore> {
  store = await openSettingsStore({ platform: process.platform, env: process.env, userDataDir });
  for (const warning of store.current().warnings) log(`[settings] ${warning}`);
  return store;
}

/** The settings store for the rest of main (IPC handlers, hub connection). */
export function deskSettings(): SettingsStore {
  if (store === null)
    throw new Error('Settings are read at start-up; deskSettings() was called before startSettings().');
  return store;
}
