import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createConsoleEngine } from '../engine/engine';
import { createHandlerTable } from '../engine/handlers';
import { installApplicationMenu } from './about';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc, sendEvent } from './ipc';
import { notifyNatively, showNotification } from './notifications';
import { ownUrlCheck } from './own-url';
import { closeBeforeQuit } from './quit';
import { denyAllPermissions, lockDownContents } from './security';
import { startSettings } from './settings';
import { reportStartFailure } from './start-failure';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const isOwnUrl = ownUrlCheck(startUrl);

registerAppScheme();

// One console per workstation session: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    denyAllPermissions();
    // Machine policy, machine-wide file, then the user's own: available via deskSettings().
    const settings = await startSettings(app.getPath('userData'));
    installApplicationMenu(
      () => ({
        productName: 'Social Desk',
        version: app.getVersion(),
        build: __DESK_BUILD__,
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
        platform: process.platform,
        arch: process.arch,
        hubUrl: settings.current().settings.hubUrl,
      }),
      () => mainWindow,
    );
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const { hubUrl, hubCaFile } = settings.current().settings;
    // The demo passes its hub in the environment; policy still wins when IT has locked it.
    const demoHub = process.env['DESK_HUB_URL'];
    const engine = createConsoleEngine({
      dataDir: join(app.getPath('userData'), 'cache'),
      hubUrlPolicy: {
        url: hubUrl.locked ? hubUrl.value : (demoHub ?? hubUrl.value),
        locked: hubUrl.locked,
        reason: hubUrl.locked ? hubUrl.reason : null,
      },
      // The force's own CA is trusted for the hub connection only.
      extraCaFile: hubCaFile.value,
      emit: (event, payload) => {
        sendEvent(mainWindow, event, payload);
        notifyNatively(event, payload, () => mainWindow);
      },
      log: (line) => {
        console.error(line);
      },
    });
    closeBeforeQuit(
      app,
      () => engine.close(),
      (line) => {
        console.error(line);
      },
    );
    const handlers = createHandlerTable({
      info: {
        name: app.getName(),
        version: app.getVersion(),
        build: __DESK_BUILD__,
        shell: 'electron',
        platform: process.platform,
      },
      now: () => Date.now(),
      notify: (notification) => showNotification(notification, () => mainWindow),
      engine,
    });
    registerIpc(handlers, () => mainWindow, isOwnUrl);
    mainWindow = createMainWindow(app.getPath('userData'), join(import.meta.dirname, '../preload'));
    lockDownContents(mainWindow.webContents, isOwnUrl);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    await mainWindow.loadURL(startUrl);
  };

  start().catch((error: unknown) => {
    reportStartFailure(
      {
        showErrorBox: (title, content) => {
          dialog.showErrorBox(title, content);
        },
        exit: (code) => {
          app.exit(code);
        },
        log: (line) => {
          console.error(line);
        },
      },
      error,
    );
  });
}
