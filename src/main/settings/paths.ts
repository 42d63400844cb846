import { join, posix, win32 } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** Windows environment names are case-insensitive; an injected env object is not. */
function envValue(env: Env, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(env)) {
    if (key.toLowerCase() === wanted && value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Where IT puts the machine-wide config.json on each platform. */
export function machineSettingsFile(platform: NodeJS.Platform, env: Env): string {
  if (platform === 'win32') {
    const programData =
      envValue(env, 'ProgramData') ?? win32.join(envValue(env, 'SystemDrive') ?? 'C:', '\\ProgramData');
    return win32.join(programData, 'SocialDesk', 'config.json');
  }
  if (platform === 'darwin') return posix.join('/Library/Application Support', 'SocialDesk', 'config.json');
  return posix.join('/etc', 'social-desk', 'config.json');
}

/** The user's own settings live with the rest of the app's per-user data. */
export function userSettingsFile(userDataDir: string): string {
  return join(userDataDir, 'settings.json');
}

/** reg.exe by full path: a reg.exe earlier on PATH must not be able to forge policy. */
export function regExePath(env: Env): string {
  return win32.join(envValue(env, 'SystemRoot') ?? 'C:\\Windows', 'System32', 'reg.exe');
}

export { envValue };
