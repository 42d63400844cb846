import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { Arch, Packager, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot as root } from './builder-config';

/**
 * The packaging check: packs the app for Linux (`--dir`) against a placeholder Electron
 * distribution — the real one cannot be downloaded on the build machines — and inspects what
 * would ship. Native rebuild is off here (no Electron headers offline); the real dist builds
 * rebuild better-sqlite3 as configured.
 */

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's fuse wire as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// inspect args on, asar integrity off, only-from-asar off, V8 snapshot off, file:// privileges on.
const STOCK_FUSES = '10110001';
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

const manifestSchema = z.object({
  name: z.string(),
  version: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  scripts: z.record(z.string(), z.string()).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;

function readManifest(file: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Node's resolution: the nearest node_modules/<name> from `fromDir` up to the project root. */
function findPackageDir(fromDir: string, name: string): string | null {
  for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) break;
  }
  return null;
}

/** Every package name reachable from the project's production dependencies. */
function productionClosure(): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const visit = (packageDir: string): void => {
    if (visited.has(packageDir)) return;
    visited.add(packageDir);
    const manifest = readManifest(join(packageDir, 'package.json'));
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const found = findPackageDir(packageDir, name);
      if (found === null) continue;
      names.add(name);
      visit(found);
    }
  };
  visit(root);
  return names;
}

function placeholderElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "placeholder Electron for the packaging check"\nexit 0\n# '),
      Buffer.from(SENTINEL, 'latin1'),
      Buffer.from([1, STOCK_FUSES.length]),
      Buffer.from(STOCK_FUSES, 'latin1'),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'placeholder\n');
  writeFileSync(join(dir, 'version'), '45.4.1');
}

// Planted in out/ for the duration of the test, to prove source maps are filtered out.
const PLANTED_MAP = join(root, 'out/main/pack-check.js.map');

describe('packaging check (app.asar against a placeholder Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'desk-pack-'));
  const appOutDir = join(work, 'dist', 'linux-unpacked');
  const resources = join(appOutDir, 'resources');
  const asarPath = join(resources, 'app.asar');
  let entries: string[] = [];
  let packager: Packager;

  beforeAll(async () => {
    if (!BUILT.every((file) => existsSync(join(root, file)))) {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
        {
          cwd: root,
          stdio: 'ignore',
        },
      );
    }
    writeFileSync(PLANTED_MAP, '{"version":3,"sources":[],"mappings":""}');
    const electronDist = join(work, 'electron-dist');
    placeholderElectron(electronDist);
    // Loaded the way `electron-builder --config` loads it.
    const config = await getConfig(root, join(root, 'build/electron-builder.config.ts'), null);
    packager = new Packager({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: {
        ...config,
        electronDist,
        npmRebuild: false,
        directories: { ...config.directories, output: join(work, 'dist') },
      },
    });
    await packager.build();
    entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  }, 120_000);

  afterAll(() => {
    rmSync(PLANTED_MAP, { force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('contains the built app: main, preload and renderer from out/', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ]) {
      expect(entries).toContain(file);
    }
  });

  it('contains every production dependency', () => {
    const production = productionClosure();
    expect(production.has('better-sqlite3')).toBe(true);
    for (const name of production) {
      if (name.startsWith('@types/')) continue;
      expect(entries, name).toContain(`/node_modules/${name}/package.json`);
    }
  });

  it('contains no sources, tests, source maps or TypeScript', () => {
    const forbidden = entries.filter(
      (entry) =>
        entry.startsWith('/src') ||
        entry.startsWith('/tests') ||
        entry.startsWith('/build') ||
        entry.endsWith('.map') ||
        /\.(ts|tsx|mts|cts)$/.test(entry),
    );
    expect(forbidden).toEqual([]);
    // src/ and tests/ exist in the project; the planted map was there to be left out.
    for (const present of ['src', 'tests', 'out/main/pack-check.js.map']) {
      expect(existsSync(join(root, present))).toBe(true);
    }
  });

  it('contains no development dependency', () => {
    const production = productionClosure();
    const devOnly = Object.keys(readManifest(join(root, 'package.json')).devDependencies ?? {}).filter(
      (name) => !production.has(name),
    );
    expect(devOnly).toEqual(
      expect.arrayContaining(['electron', 'electron-builder', 'vitest', 'typescript', 'vite']),
    );
    const shipped = devOnly.filter((name) =>
      entries.some((entry) => entry.startsWith(`/node_modules/${name}/`)),
    );
    expect(shipped).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/node_modules/@types/'))).toEqual([]);
  });

  it('ships a package.json without scripts or devDependencies', () => {
    const manifest = manifestSchema.parse(JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')));
    expect(manifest.name).toBe('social-desk');
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('unpacks the better-sqlite3 native module beside the asar, and only what it needs', () => {
    const native = join(
      resources,
      'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    expect(statSync(native).size).toBeGreaterThan(100_000);
    expect(
      existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/obj')),
    ).toBe(false);
    expect(entries.filter((entry) => entry.startsWith('/node_modules/better-sqlite3/deps/'))).toEqual([]);
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
  });

  it('flips the Electron fuses in the packed executable', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, 'social-desk'));
    expect(wire.version).toBe(FuseVersion.V1);
    const DISABLE = 48;
    const ENABLE = 49;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
  });

  it('writes no auto-update configuration and copies the runtime resources', () => {
    expect(existsSync(join(resources, 'app-update.yml'))).toBe(false);
    expect(existsSync(join(resources, 'icon.png'))).toBe(true);
  });

  it("runs the configured WiX hook through electron-builder's own hook wiring", async () => {
    const project = join(work, 'project.wxs');
    writeFileSync(
      project,
      readFileSync(join(import.meta.dirname, 'fixtures/electron-builder-26-project.wxs.xml')),
    );
    await packager.emitMsiProjectCreated(project);
    expect(readFileSync(project, 'utf8')).toContain('Key="SOFTWARE\\Policies\\SocialDesk" Name="HubUrl"');
  });
});
