import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SettingsLocations } from '../../../../src/main/settings/load';

/** A temp machine: machine-wide file, userData folder and a stand-in reg.exe (a real child process). */
export interface Machine {
  readonly root: string;
  readonly machineFile: string;
  readonly userDataDir: string;
  readonly userFile: string;
  readonly regExe: string;
  /** Written by the stand-in reg.exe each time it runs. */
  readonly regRanMarker: string;
  writeMachine(content: unknown): void;
  writeUser(content: unknown): void;
  policy(stdout: string, stderr?: string, code?: number): void;
  locations(platform: NodeJS.Platform): SettingsLocations;
  dispose(): void;
}

export function regOutput(values: Record<string, [type: string, data: string]>): string {
  const lines = Object.entries(values).map(([name, [type, data]]) => `    ${name}    ${type}    ${data}`);
  return ['', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\SocialDesk', ...lines, '', ''].join('\r\n');
}

export const NO_POLICY_KEY = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

export function createMachine(): Machine {
  const root = mkdtempSync(join(tmpdir(), 'desk-settings-'));
  const machineFile = join(root, 'machine', 'config.json');
  const userDataDir = join(root, 'user');
  const regExe = join(root, 'reg.sh');
  const regRanMarker = join(root, 'reg-ran');
  mkdirSync(join(root, 'machine'));
  const write = (file: string, content: unknown): void => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  };
  const machine: Machine = {
    root,
    machineFile,
    userDataDir,
    userFile: join(userDataDir, 'settings.json'),
    regExe,
    regRanMarker,
    writeMachine: (content) => {
      write(machineFile, content);
    },
    writeUser: (content) => {
      write(join(userDataDir, 'settings.json'), content);
    },
    policy: (stdout, stderr = '', code = 0) => {
      writeFileSync(join(root, 'reg.out'), stdout);
      writeFileSync(join(root, 'reg.err'), stderr);
      writeFileSync(
        regExe,
        `#!/bin/sh\ntouch "${regRanMarker}"\ncat "${join(root, 'reg.out')}"\ncat "${join(root, 'reg.err')}" >&2\nexit ${String(code)}\n`,
      );
      chmodSync(regExe, 0o755);
    },
    locations: (platform) => ({ platform, env: {}, userDataDir, machineFile, regExe }),
    dispose: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
  machine.policy('', NO_POLICY_KEY, 1);
  return machine;
}
