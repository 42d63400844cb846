import type { Configuration } from 'electron-builder';
import { msiProjectCreated } from './msi-project-created';

/**
 * The MSI's upgrade code: Windows Installer recognises "the same product, another version"
 * by this GUID alone. Every release must carry this exact value so that a new MSI upgrades
 * the installed console in place (SCCM/Intune supersedence relies on it). Changing it would
 * install a second, separate Social Desk next to the old one. Never change it.
 */
export const MSI_UPGRADE_CODE = '06FD4555-07E7-4962-BA95-A2762AF28129';

// Installers are named the way IT's deployment scripts expect: SocialDesk-1.2.0-x64.msi.
const ARTIFACT_NAME = 'SocialDesk-${version}-${arch}.${ext}';

/**
 * electron-builder configuration (`electron-builder --config build/electron-builder.config.ts`).
 * The version, description and manufacturer ("author") come from package.json, never from here,
 * so that one edit to package.json moves every installer to the new version.
 */
const config: Configuration = {
  appId: 'uk.police.socialdesk',
  productName: 'Social Desk',
  copyright: 'Crown copyright',
  directories: { output: 'dist', buildResources: 'build' },

  // Only the built app and production dependencies ship: no sources, tests or source maps.
  // node_modules is added by electron-builder from the production dependency tree.
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    '!**/*.{ts,tsx,mts,cts}',
    // Type declarations are never needed at run time (some arrive as production dependencies).
    '!**/node_modules/@types/**',
    // better-sqlite3 ships its SQLite sources and, once built, its object files: only the
    // compiled better_sqlite3.node is needed at run time.
    '!**/node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
    '!**/node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps}/**',
    '!**/node_modules/better-sqlite3/build/{Makefile,*.mk,*.gypi,*.sln,*.vcxproj,*.vcxproj.filters}',
    '!**/node_modules/better-sqlite3/build/Release/{test_extension.node,*.a,*.lib,*.pdb,*.exp,*.iobj,*.ipdb}',
  ],
  extraResources: [{ from: 'resources', to: '.', filter: ['**/*'] }],
  asar: true,
  // A native module cannot be loaded from inside an asar archive.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],

  // better-sqlite3 is rebuilt against Electron's headers here, at pack time, from the source
  // in the lockfile rather than a downloaded prebuilt binary. Never in postinstall: the
  // developer's node_modules must keep the Node build the test suite and the hub use.
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,

  electronFuses: {
    runAsNode: false,
    enableNodeCliInspectArguments: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  },

  // No auto-updater: updates are Force IT's job (SCCM/Intune), so nothing is published and no
  // app-update.yml is written into the app.
  publish: null,

  win: {
    target: [{ target: 'msi', arch: ['x64'] }],
    icon: 'build/icon.png',
  },
  msi: {
    perMachine: true,
    // oneClick: no wizard; control-room machines are installed silently by IT.
    oneClick: true,
    upgradeCode: MSI_UPGRADE_CODE,
    createStartMenuShortcut: true,
    createDesktopShortcut: false,
    shortcutName: 'Social Desk',
    // Installs run as SYSTEM from SCCM/Intune: never start the app from the installer.
    runAfterFinish: false,
    warningsAsErrors: true,
    artifactName: ARTIFACT_NAME,
  },
  msiProjectCreated,

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'social-desk',
    icon: 'build/icon.png',
    category: 'Office',
    synopsis: 'Control-room console for the Social Media Desk',
    maintainer: 'Social Desk team <social-desk@force.invalid>',
    artifactName: ARTIFACT_NAME,
  },
};

export default config;
