import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineSettingsFile, regExePath, userSettingsFile } from '../../../../src/main/settings/paths';

describe('settings paths', () => {
  it('Windows: %ProgramData%\\SocialDesk\\config.json, whatever the variable’s case', () => {
    expect(machineSettingsFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\SocialDesk\\config.json',
    );
    expect(machineSettingsFile('win32', { PROGRAMDATA: 'C:\\ProgramData' })).toBe(
      'C:\\ProgramData\\SocialDesk\\config.json',
    );
  });

  it('Windows: falls back to the system drive when ProgramData is not set', () => {
    expect(machineSettingsFile('win32', { SystemDrive: 'E:' })).toBe(
      'E:\\ProgramData\\SocialDesk\\config.json',
    );
    expect(machineSettingsFile('win32', {})).toBe('C:\\ProgramData\\SocialDesk\\config.json');
  });

  it('Linux: /etc/social-desk/config.json, not moved by the environment', () => {
    expect(machineSettingsFile('linux', { ProgramData: '/tmp/elsewhere', XDG_CONFIG_HOME: '/tmp/x' })).toBe(
      '/etc/social-desk/config.json',
    );
  });

  it('macOS: /Library/Application Support/SocialDesk/config.json', () => {
    expect(machineSettingsFile('darwin', {})).toBe('/Library/Application Support/SocialDesk/config.json');
  });

  it("keeps the user's own settings in the app's userData folder", () => {
    expect(userSettingsFile(join('/home/op', '.config', 'Social Desk'))).toBe(
      join('/home/op', '.config', 'Social Desk', 'settings.json'),
    );
  });

  it('runs reg.exe from System32 by full path', () => {
    expect(regExePath({ SystemRoot: 'C:\\WINDOWS' })).toBe('C:\\WINDOWS\\System32\\reg.exe');
    expect(regExePath({})).toBe('C:\\Windows\\System32\\reg.exe');
  });
});
