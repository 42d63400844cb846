import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration, FileSet, MsiOptions, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadBuilderConfig, projectRoot as root } from './builder-config';

// Pinned on purpose: if a test below fails on it, someone changed the MSI upgrade code. Put it
// back: a new code makes Windows install a second Social Desk instead of upgrading.
const UPGRADE_CODE = '06FD4555-07E7-4962-BA95-A2762AF28129';
const packageJson = z
  .object({
    version: z.string(),
    author: z.string(),
    scripts: z.record(z.string(), z.string()),
    dependencies: z.record(z.string(), z.string()),
    devDependencies: z.record(z.string(), z.string()),
  })
  .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

function msiOptions(): MsiOptions {
  expect(config.msi).toBeTruthy();
  return config.msi as MsiOptions;
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation when loaded as the CLI loads it", async () => {
    expect(config.appId).toBe('uk.police.socialdesk');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator really rejects a wrong option (so the check above means something)', async () => {
    const broken = { ...config, msi: { ...config.msi, perMachineTypo: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.msi/);
  });

  it('builds only an x64 MSI on Windows', () => {
    const targets = config.win?.target as TargetConfiguration[];
    expect(targets).toEqual([{ target: 'msi', arch: ['x64'] }]);
  });

  it('installs per machine, silently, with a Start-menu shortcut and no auto-start', () => {
    const msi = msiOptions();
    expect(msi.perMachine).toBe(true);
    expect(msi.oneClick).toBe(true);
    expect(msi.createStartMenuShortcut).toBe(true);
    expect(msi.shortcutName).toBe('Social Desk');
    expect(msi.createDesktopShortcut).toBe(false);
    expect(msi.runAfterFinish).toBe(false);
    expect(msi.warningsAsErrors).toBe(true);
  });

  it('keeps the same upgrade code for ever, so every release upgrades in place', () => {
    expect(msiOptions().upgradeCode).toBe(UPGRADE_CODE);
    expect(UPGRADE_CODE).toMatch(GUID);
    // The code is written into the source once, as the one constant the config uses.
    const source = readFileSync(join(root, 'build/electron-builder.config.ts'), 'utf8');
    expect(source.match(/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/g)).toEqual([
      UPGRADE_CODE,
    ]);
  });

  it('names the installer SocialDesk-<package.json version>-x64.msi and takes the version only from package.json', () => {
    const pattern = msiOptions().artifactName ?? '';
    const name = pattern
      .replace('${version}', packageJson.version)
      .replace('${arch}', 'x64')
      .replace('${ext}', 'msi');
    expect(name).toBe(`SocialDesk-${packageJson.version}-x64.msi`);
    expect(config.extraMetadata).toBeUndefined();
    expect(config.buildVersion).toBeUndefined();
    expect(JSON.stringify(config)).not.toMatch(/"version"/);
  });

  it('has a product name, an app id and a manufacturer (package.json author)', () => {
    expect(config.productName).toBe('Social Desk');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(packageJson.author.trim()).not.toBe('');
  });

  it('has no auto-updater: nothing is published and electron-updater is not a dependency', () => {
    expect(config.publish).toBeNull();
    expect(Object.keys(packageJson.dependencies)).not.toContain('electron-updater');
    expect(Object.keys(packageJson.devDependencies)).not.toContain('electron-updater');
  });

  it('rebuilds better-sqlite3 for Electron at pack time, never in postinstall, and unpacks it from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(packageJson.scripts['postinstall']).toBeUndefined();
    expect(packageJson.scripts['install']).toBeUndefined();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
  });

  it('sets the Electron fuses at pack time', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('registers the WiX hook that writes machine policy (exercised in msi-project-created.test.ts)', () => {
    expect(typeof config.msiProjectCreated).toBe('function');
  });

  it('builds an AppImage and a deb for Linux desks', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableName).toBe('social-desk');
  });

  it('ships only the built app: files are limited to out/ and package.json', () => {
    // electron-builder's loader normalises the list of patterns into one file set.
    const fileSets = (config.files ?? []) as FileSet[];
    expect(fileSets).toHaveLength(1);
    const files = fileSets[0]?.filter as string[];
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual(['out/**/*', 'package.json']);
    expect(files).toContain('!**/*.map');
  });

  it('draws every icon from one 1024×1024 PNG', () => {
    expect(config.win?.icon).toBe('build/icon.png');
    expect(config.linux?.icon).toBe('build/icon.png');
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('has dist:win and dist:linux scripts that use this configuration', () => {
    expect(packageJson.scripts['dist:win']).toContain(
      'electron-builder --win msi --x64 --config build/electron-builder.config.ts',
    );
    expect(packageJson.scripts['dist:linux']).toContain('--linux AppImage deb');
    expect(packageJson.scripts['dist:linux']).toContain('--config build/electron-builder.config.ts');
  });
});
