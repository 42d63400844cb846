import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../../src/main/settings/load';
import { REASONS } from '../../../../src/main/settings/resolve';
import { createMachine, regOutput, type Machine } from './helpers';

const HUB = 'wss://desk-hub.force.local:4310';
const CA = 'C:\\certs\\force-root.pem';

let machine: Machine;
beforeEach(() => {
  machine = createMachine();
});
afterEach(() => {
  machine.dispose();
});

describe('loadSettings: nothing configured', () => {
  it('gives the built-in defaults, unlocked, with no warnings', async () => {
    const loaded = await loadSettings(machine.locations('linux'));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.settings).toEqual({
      hubUrl: { value: null, source: 'default', locked: false, reason: REASONS.builtIn },
      hubCaFile: { value: null, source: 'default', locked: false, reason: REASONS.builtIn },
      uiLanguage: { value: 'en', source: 'default', locked: false, reason: REASONS.builtIn },
      theme: { value: 'system', source: 'default', locked: false, reason: REASONS.builtIn },
    });
    expect(loaded.sources.policy.state).toBe('not-applicable');
    expect(loaded.sources.machine).toEqual({ location: machine.machineFile, state: 'absent' });
    expect(loaded.sources.user).toEqual({ location: machine.userFile, state: 'absent' });
  });
});

describe('loadSettings on Windows: machine policy, then the machine file, then the user', () => {
  it('a locked policy beats the machine file and the user, and says why', async () => {
    machine.policy(
      regOutput({ HubUrl: ['REG_SZ', HUB], HubCaFile: ['REG_SZ', CA], LockHub: ['REG_DWORD', '0x1'] }),
    );
    machine.writeMachine({ hubUrl: 'wss://other-hub.force.local:4310', uiLanguage: 'cy' });
    machine.writeUser({
      hubUrl: 'wss://my-own-hub.example:4310',
      hubCaFile: '/home/op/ca.pem',
      theme: 'dark',
    });
    const loaded = await loadSettings(machine.locations('win32'));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.sources.policy.state).toBe('loaded');
    expect(loaded.settings.hubUrl).toEqual({
      value: HUB,
      source: 'policy',
      locked: true,
      reason: REASONS.lockedByPolicy,
    });
    expect(loaded.settings.hubUrl.reason).toBe('Set by your IT department (machine policy)');
    expect(loaded.settings.hubCaFile).toEqual({
      value: CA,
      source: 'policy',
      locked: true,
      reason: REASONS.lockedByPolicy,
    });
    // Language and theme are never locked: the machine file sets a default, the user's own choice wins.
    expect(loaded.settings.uiLanguage).toEqual({
      value: 'cy',
      source: 'machine',
      locked: false,
      reason: REASONS.defaultFromMachine,
    });
    expect(loaded.settings.theme).toEqual({
      value: 'dark',
      source: 'user',
      locked: false,
      reason: REASONS.user,
    });
  });

  it('an unlocked policy is a default the operator may override', async () => {
    machine.policy(regOutput({ HubUrl: ['REG_SZ', HUB] }));
    machine.writeMachine({ hubUrl: 'wss://other-hub.force.local:4310', hubCaFile: '/etc/ssl/force.pem' });
    const before = await loadSettings(machine.locations('win32'));
    expect(before.settings.hubUrl).toEqual({
      value: HUB,
      source: 'policy',
      locked: false,
      reason: REASONS.defaultFromPolicy,
    });
    // Policy beats the machine file; the machine file fills what policy leaves out.
    expect(before.settings.hubCaFile).toMatchObject({
      value: '/etc/ssl/force.pem',
      source: 'machine',
      locked: false,
    });
    machine.writeUser({ hubUrl: 'wss://training-hub.force.local:4310' });
    const after = await loadSettings(machine.locations('win32'));
    expect(after.settings.hubUrl).toMatchObject({
      value: 'wss://training-hub.force.local:4310',
      source: 'user',
    });
  });

  it('a lock with no hub address keeps the user from choosing one', async () => {
    machine.policy(regOutput({ LockHub: ['REG_DWORD', '0x1'] }));
    machine.writeUser({ hubUrl: 'wss://my-own-hub.example:4310' });
    const loaded = await loadSettings(machine.locations('win32'));
    expect(loaded.settings.hubUrl).toEqual({
      value: null,
      source: 'default',
      locked: true,
      reason: REASONS.lockedByPolicy,
    });
  });

  it('the machine file can lock the hub too, and a policy value still wins over it', async () => {
    machine.policy(regOutput({ HubCaFile: ['REG_SZ', CA] }));
    machine.writeMachine({
      hubUrl: 'wss://file-hub.force.local:4310',
      hubCaFile: '/etc/ssl/force.pem',
      lockHub: true,
    });
    machine.writeUser({ hubUrl: 'wss://my-own-hub.example:4310' });
    const loaded = await loadSettings(machine.locations('win32'));
    expect(loaded.settings.hubUrl).toEqual({
      value: 'wss://file-hub.force.local:4310',
      source: 'machine',
      locked: true,
      reason: 'Set by your IT department (machine-wide settings file)',
    });
    expect(loaded.settings.hubCaFile).toEqual({
      value: CA,
      source: 'policy',
      locked: true,
      reason: REASONS.lockedByMachine,
    });
  });

  it('a damaged policy is reported and ignored: its lock does not apply', async () => {
    machine.policy(regOutput({ HubUrl: ['REG_SZ', 'not a url'], LockHub: ['REG_DWORD', '0x1'] }));
    machine.writeUser({ hubUrl: 'wss://my-own-hub.example:4310' });
    const loaded = await loadSettings(machine.locations('win32'));
    expect(loaded.sources.policy.state).toBe('ignored');
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(
      /^Machine policy HKLM\\SOFTWARE\\Policies\\SocialDesk is not valid and was ignored/,
    );
    expect(loaded.settings.hubUrl).toMatchObject({
      value: 'wss://my-own-hub.example:4310',
      source: 'user',
      locked: false,
    });
  });

  it('no policy key is normal: no warning', async () => {
    const loaded = await loadSettings(machine.locations('win32'));
    expect(existsSync(machine.regRanMarker)).toBe(true);
    expect(loaded.sources.policy.state).toBe('absent');
    expect(loaded.warnings).toEqual([]);
  });
});

describe('loadSettings on Linux and macOS: machine file, then the user (no registry)', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform}: a locked machine file beats the user and never consults reg.exe`, async () => {
      machine.policy(
        regOutput({ HubUrl: ['REG_SZ', 'wss://must-not-be-read.example:1'], LockHub: ['REG_DWORD', '0x1'] }),
      );
      machine.writeMachine({
        hubUrl: HUB,
        hubCaFile: '/etc/social-desk/force-root.pem',
        lockHub: true,
        theme: 'light',
      });
      machine.writeUser({ hubUrl: 'wss://my-own-hub.example:4310', theme: 'dark', uiLanguage: 'cy' });
      const loaded = await loadSettings(machine.locations(platform));
      expect(existsSync(machine.regRanMarker)).toBe(false);
      expect(loaded.sources.policy.state).toBe('not-applicable');
      expect(loaded.settings.hubUrl).toEqual({
        value: HUB,
        source: 'machine',
        locked: true,
        reason: REASONS.lockedByMachine,
      });
      expect(loaded.settings.hubCaFile).toMatchObject({
        value: '/etc/social-desk/force-root.pem',
        locked: true,
      });
      expect(loaded.settings.theme).toMatchObject({ value: 'dark', source: 'user', locked: false });
      expect(loaded.settings.uiLanguage).toMatchObject({ value: 'cy', source: 'user' });
    });

    it(`${platform}: an unlocked machine file is only a default`, async () => {
      machine.writeMachine({ hubUrl: HUB });
      machine.writeUser({ hubUrl: 'wss://my-own-hub.example:4310' });
      const loaded = await loadSettings(machine.locations(platform));
      expect(loaded.settings.hubUrl).toMatchObject({
        value: 'wss://my-own-hub.example:4310',
        source: 'user',
        locked: false,
      });
    });
  }
});

describe('loadSettings: damaged files', () => {
  it('a machine file that is not JSON is reported, ignored and left untouched', async () => {
    machine.writeMachine('{ "hubUrl": "wss://desk-hub.force.local:4310", lockHub: true');
    machine.writeUser({ theme: 'dark' });
    const loaded = await loadSettings(machine.locations('linux'));
    expect(loaded.sources.machine.state).toBe('ignored');
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toContain(
      `Machine-wide settings file ${machine.machineFile} is not valid JSON`,
    );
    expect(loaded.settings.hubUrl).toMatchObject({ value: null, locked: false });
    expect(loaded.settings.theme).toMatchObject({ value: 'dark', source: 'user' });
    expect(readFileSync(machine.machineFile, 'utf8')).toBe(
      '{ "hubUrl": "wss://desk-hub.force.local:4310", lockHub: true',
    );
  });

  it('a user file with a bad value is reported by field and ignored as a whole', async () => {
    machine.writeMachine({ theme: 'light' });
    machine.writeUser({ theme: 'purple', hubUrl: 'ftp://hub' });
    const loaded = await loadSettings(machine.locations('linux'));
    expect(loaded.sources.user.state).toBe('ignored');
    expect(loaded.warnings[0]).toMatch(
      /^Your settings file .* is not valid \(.*theme.*\) and was ignored\.$/,
    );
    expect(loaded.warnings[0]).toContain('hubUrl: the hub address must be a wss://');
    expect(loaded.settings.theme).toMatchObject({ value: 'light', source: 'machine' });
  });

  it('unknown settings (a typo such as "lockhub") are named in a warning', async () => {
    machine.writeMachine({ hubUrl: HUB, lockhub: true });
    const loaded = await loadSettings(machine.locations('linux'));
    expect(loaded.sources.machine.state).toBe('loaded');
    expect(loaded.warnings).toEqual([
      `Machine-wide settings file ${machine.machineFile}: unknown setting(s) lockhub ignored.`,
    ]);
    expect(loaded.settings.hubUrl.locked).toBe(false);
  });

  it('a UTF-8 byte-order mark (Notepad) is not damage', async () => {
    machine.writeMachine(`\uFEFF${JSON.stringify({ hubUrl: HUB, lockHub: true })}`);
    const loaded = await loadSettings(machine.locations('linux'));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.settings.hubUrl).toMatchObject({ value: HUB, locked: true });
  });
});
