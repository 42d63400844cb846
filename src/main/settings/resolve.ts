import {
  type MachineSettingsFile,
  type PolicySettings,
  type Theme,
  type UiLanguage,
  type UserSettingsFile,
} from './schema';

export type SettingSource = 'policy' | 'machine' | 'user' | 'default';

export interface ResolvedSetting<T> {
  readonly value: T;
  /** Where the value came from. */
  readonly source: SettingSource;
  /** True when IT has locked it: the UI must not offer to change it. */
  readonly locked: boolean;
  /** Why it has this value, in words an operator understands. */
  readonly reason: string;
}

export interface ResolvedSettings {
  readonly hubUrl: ResolvedSetting<string | null>;
  readonly hubCaFile: ResolvedSetting<string | null>;
  readonly uiLanguage: ResolvedSetting<UiLanguage>;
  readonly theme: ResolvedSetting<Theme>;
}

export interface SettingsLayers {
  readonly policy: PolicySettings;
  readonly machine: MachineSettingsFile;
  readonly user: UserSettingsFile;
}

export const REASONS = {
  lockedByPolicy: 'Set by your IT department (machine policy)',
  lockedByMachine: 'Set by your IT department (machine-wide settings file)',
  defaultFromPolicy: 'Default from your IT department (machine policy); you can change it',
  defaultFromMachine: 'Default from your IT department (machine-wide settings file); you can change it',
  user: 'Your own setting',
  builtIn: 'Built-in default',
} as const;

type LockSource = 'policy' | 'machine' | null;

function pick<T>(
  fromPolicy: T | undefined,
  fromMachine: T | undefined,
  fromUser: T | undefined,
  fallback: T,
  lockedBy: LockSource,
): ResolvedSetting<T> {
  if (lockedBy !== null) {
    const reason = lockedBy === 'policy' ? REASONS.lockedByPolicy : REASONS.lockedByMachine;
    if (fromPolicy !== undefined) return { value: fromPolicy, source: 'policy', locked: true, reason };
    if (fromMachine !== undefined) return { value: fromMachine, source: 'machine', locked: true, reason };
    return { value: fallback, source: 'default', locked: true, reason };
  }
  if (fromUser !== undefined) return { value: fromUser, source: 'user', locked: false, reason: REASONS.user };
  if (fromPolicy !== undefined) {
    return { value: fromPolicy, source: 'policy', locked: false, reason: REASONS.defaultFromPolicy };
  }
  if (fromMachine !== undefined) {
    return { value: fromMachine, source: 'machine', locked: false, reason: REASONS.defaultFromMachine };
  }
  return { value: fallback, source: 'default', locked: false, reason: REASONS.builtIn };
}

/**
 * Applies the layers. A locked setting comes from machine policy, else the machine-wide file,
 * else the built-in default, whatever the user's own file says. An unlocked one is the user's
 * own value, else policy, else the machine file, else the default: IT's values are the desk's
 * defaults, which an operator may change unless IT locks them.
 */
export function resolveSettings({ policy, machine, user }: SettingsLayers): ResolvedSettings {
  // Either machine source can lock the hub; policy is named first because it is the stronger.
  const hubLock: LockSource =
    policy.lockHub === true ? 'policy' : machine.lockHub === true ? 'machine' : null;
  return {
    hubUrl: pick(policy.hubUrl, machine.hubUrl, user.hubUrl, null, hubLock),
    hubCaFile: pick(policy.hubCaFile, machine.hubCaFile, user.hubCaFile, null, hubLock),
    uiLanguage: pick(undefined, machine.uiLanguage, user.uiLanguage, 'en', null),
    theme: pick(undefined, machine.theme, user.theme, 'system', null),
  };
}
