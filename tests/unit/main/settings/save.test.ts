import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidSettingsError,
  SettingLockedError,
  saveUserSettings,
} from '../../../../src/main/settings/save';
import { openSettingsStore } from '../../../../src/main/settings/store';
import { createMachine, regOutput, type Machine } from './helpers';

const HUB = 'wss://desk-hub.force.local:4310';

let machine: Machine;
beforeEach(() => {
  machine = createMachine();
});
afterEach(() => {
  machine.dispose();
});

function userFile(machine: Machine): unknown {
  return JSON.parse(readFileSync(machine.userFile, 'utf8'));
}

describe('saveUserSettings', () => {
  it("writes the user's own settings and returns them resolved", async () => {
    const saved = await saveUserSettings(machine.locations('linux'), { theme: 'dark', hubUrl: HUB });
    expect(userFile(machine)).toEqual({ theme: 'dark', hubUrl: HUB });
    expect(saved.settings.theme).toMatchObject({ value: 'dark', source: 'user' });
    expect(saved.settings.hubUrl).toMatchObject({ value: HUB, source: 'user' });
  });

  it('null removes the user value so the machine default applies again', async () => {
    machine.writeMachine({ theme: 'light' });
    machine.writeUser({ theme: 'dark', uiLanguage: 'cy' });
    const saved = await saveUserSettings(machine.locations('linux'), { theme: null });
    expect(userFile(machine)).toEqual({ uiLanguage: 'cy' });
    expect(saved.settings.theme).toMatchObject({ value: 'light', source: 'machine' });
  });

  it('refuses to change a setting locked by policy, says why, and changes nothing', async () => {
    machine.policy(regOutput({ HubUrl: ['REG_SZ', HUB], LockHub: ['REG_DWORD', '0x1'] }));
    machine.writeUser({ theme: 'dark' });
    const attempt = saveUserSettings(machine.locations('win32'), {
      theme: 'light',
      hubUrl: 'wss://elsewhere.example:1',
    });
    await expect(attempt).rejects.toThrow(SettingLockedError);
    await expect(attempt).rejects.toThrow(
      'The hub address cannot be changed here: Set by your IT department (machine policy).',
    );
    expect(userFile(machine)).toEqual({ theme: 'dark' });
  });

  it('refuses the CA file too when the machine file locks the hub', async () => {
    machine.writeMachine({ hubUrl: HUB, lockHub: true });
    await expect(saveUserSettings(machine.locations('linux'), { hubCaFile: null })).rejects.toMatchObject({
      name: 'SettingLockedError',
      key: 'hubCaFile',
      reason: 'Set by your IT department (machine-wide settings file)',
    });
    expect(existsSync(machine.userFile)).toBe(false);
  });

  it('still saves unlockable settings while the hub is locked', async () => {
    machine.writeMachine({ hubUrl: HUB, lockHub: true });
    const saved = await saveUserSettings(machine.locations('linux'), { uiLanguage: 'cy' });
    expect(saved.settings.uiLanguage).toMatchObject({ value: 'cy', source: 'user' });
    expect(saved.settings.hubUrl).toMatchObject({ value: HUB, locked: true });
  });

  it('rejects bad input with a clear error and writes nothing', async () => {
    await expect(saveUserSettings(machine.locations('linux'), { theme: 'purple' })).rejects.toThrow(
      InvalidSettingsError,
    );
    await expect(saveUserSettings(machine.locations('linux'), { hubUrl: 'desk-hub' })).rejects.toThrow(
      /These settings are not valid: hubUrl: the hub address must be/,
    );
    await expect(saveUserSettings(machine.locations('linux'), { lockHub: false })).rejects.toThrow(
      InvalidSettingsError,
    );
    expect(existsSync(machine.userFile)).toBe(false);
  });

  it('keeps a damaged settings file aside instead of overwriting it', async () => {
    machine.writeUser('{"theme": "dark", oops');
    const saved = await saveUserSettings(
      machine.locations('linux'),
      { uiLanguage: 'cy' },
      { now: () => 1700000000000 },
    );
    expect(userFile(machine)).toEqual({ uiLanguage: 'cy' });
    expect(readFileSync(`${machine.userFile}.damaged-1700000000000`, 'utf8')).toBe('{"theme": "dark", oops');
    expect(saved.warnings).toEqual([]);
    expect(readdirSync(machine.userDataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('openSettingsStore', () => {
  it('keeps the current settings and updates them on save and reload', async () => {
    const store = await openSettingsStore(machine.locations('linux'));
    expect(store.current().settings.theme.value).toBe('system');
    await store.save({ theme: 'dark' });
    expect(store.current().settings.theme.value).toBe('dark');
    machine.writeMachine({ hubUrl: HUB, lockHub: true });
    expect(store.current().settings.hubUrl.locked).toBe(false);
    await store.reload();
    expect(store.current().settings.hubUrl).toMatchObject({ value: HUB, locked: true });
    await expect(store.save({ hubUrl: 'wss://elsewhere.example:1' })).rejects.toThrow(SettingLockedError);
    expect(store.current().settings.hubUrl.value).toBe(HUB);
  });
});
