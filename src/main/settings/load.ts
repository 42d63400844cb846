import { readSettingsFile, type FileResult } from './files';
import { machineSettingsFile, regExePath, userSettingsFile, type Env } from './paths';
import { readMachinePolicy, POLICY_KEY, type PolicyResult } from './registry';
import { resolveSettings, type ResolvedSettings } from './resolve';
import {
  machineSettingsFileSchema,
  userSettingsFileSchema,
  type MachineSettingsFile,
  type PolicySettings,
  type UserSettingsFile,
} from './schema';

export interface SettingsLocations {
  readonly platform: NodeJS.Platform;
  readonly env: Env;
  /** Electron's app.getPath('userData'). */
  readonly userDataDir: string;
  /** Tests only: stand-ins for the fixed machine locations. */
  readonly machineFile?: string;
  readonly regExe?: string;
}

export type SourceState = 'absent' | 'loaded' | 'ignored' | 'not-applicable';

export interface SourceStatus {
  readonly location: string;
  readonly state: SourceState;
}

export interface LoadedSettings {
  readonly settings: ResolvedSettings;
  /** One line per problem found: log them, and show them to whoever can fix them. */
  readonly warnings: readonly string[];
  readonly sources: {
    readonly policy: SourceStatus;
    readonly machine: SourceStatus;
    readonly user: SourceStatus;
  };
}

export function resolvedPaths(locations: SettingsLocations): {
  machineFile: string;
  userFile: string;
  regExe: string;
} {
  return {
    machineFile: locations.machineFile ?? machineSettingsFile(locations.platform, locations.env),
    userFile: userSettingsFile(locations.userDataDir),
    regExe: locations.regExe ?? regExePath(locations.env),
  };
}

function fileLayer<T>(result: FileResult<T>, warnings: string[]): T | undefined {
  if (result.state === 'ignored') warnings.push(result.warning);
  if (result.state !== 'loaded') return undefined;
  warnings.push(...result.warnings);
  return result.data;
}

/**
 * Reads machine policy (Windows only), then the machine-wide file, then the user's own file,
 * and resolves them. Never throws for bad input: a damaged source is a warning and is skipped.
 */
export async function loadSettings(locations: SettingsLocations): Promise<LoadedSettings> {
  const paths = resolvedPaths(locations);
  const warnings: string[] = [];

  const policyResult: PolicyResult | null =
    locations.platform === 'win32' ? await readMachinePolicy(paths.regExe, locations.env) : null;
  if (policyResult?.state === 'ignored') warnings.push(policyResult.warning);
  const policy: PolicySettings = policyResult?.state === 'loaded' ? policyResult.policy : {};

  const machineResult = await readSettingsFile(
    paths.machineFile,
    'Machine-wide settings file',
    machineSettingsFileSchema,
  );
  const machine: MachineSettingsFile = fileLayer(machineResult, warnings) ?? {};

  const userResult = await readSettingsFile(paths.userFile, 'Your settings file', userSettingsFileSchema);
  const user: UserSettingsFile = fileLayer(userResult, warnings) ?? {};

  return {
    settings: resolveSettings({ policy, machine, user }),
    warnings,
    sources: {
      policy: { location: POLICY_KEY, state: policyResult?.state ?? 'not-applicable' },
      machine: { location: paths.machineFile, state: machineResult.state },
      user: { location: paths.userFile, state: userResult.state },
    },
  };
}
