import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';

export const projectRoot = join(import.meta.dirname, '../../..');
export const CONFIG_FILE = join(projectRoot, 'build/electron-builder.config.ts');

/**
 * The configuration exactly as `electron-builder --config build/electron-builder.config.ts`
 * loads it (electron-builder's own loader), hooks included.
 */
export async function loadBuilderConfig(): Promise<Configuration> {
  return getConfig(projectRoot, CONFIG_FILE, null);
}

/** The msiProjectCreated hook the configuration registers. */
export async function loadMsiHook(): Promise<(projectFile: string) => Promise<void>> {
  const hook = (await loadBuilderConfig()).msiProjectCreated;
  if (typeof hook !== 'function') throw new Error('msiProjectCreated is not a function in the configuration');
  return async (projectFile) => {
    await hook(projectFile);
  };
}
