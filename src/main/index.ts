import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createHandlerTable } from '../engine/handlers';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { denyAllPermissions, lockDownContents } from './security';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const isOwnUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === new URL(startUrl).origin;
  } catch {
    return false;
  }
};

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
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const handlers = createHandlerTable({
      info: {
        name: app.getName(),
        version: app.getVersion(),
        build: __DESK_BUILD__,
        shell: 'electron',
        platform: process.platform,
      },
      now: () => Date.now(),
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
    console.error('[main] failed to start', error);
    app.exit(1);
  });
}
