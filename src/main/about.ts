import { join } from 'node:path';
import {
  app,
  dialog,
  Menu,
  nativeImage,
  type BrowserWindow,
  type MenuItemConstructorOptions,
} from 'electron';
import { aboutText, type AboutInfo } from './about-text';

function iconPath(): string {
  // resources/ is copied beside app.asar by electron-builder (extraResources).
  return app.isPackaged
    ? join(process.resourcesPath, 'icon.png')
    : join(app.getAppPath(), 'resources', 'icon.png');
}

function showAbout(info: AboutInfo, parent: BrowserWindow | null): void {
  const text = aboutText(info);
  const options = {
    type: 'info' as const,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: ['OK'],
    icon: nativeImage.createFromPath(iconPath()),
  };
  const shown = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => {
    console.error('[about] could not show the About box', error);
  });
}

/**
 * The application menu, with Help › About Social Desk. It replaces Electron's default menu,
 * which would otherwise offer developer tools in the packaged app.
 */
export function installApplicationMenu(info: () => AboutInfo, window: () => BrowserWindow | null): void {
  const about: MenuItemConstructorOptions = {
    label: `About ${app.getName()}`,
    click: () => {
      showAbout(info(), window());
    },
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin'
      ? [
          {
            label: app.getName(),
            submenu: [about, { type: 'separator' as const }, { role: 'quit' as const }],
          },
        ]
      : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    ...(app.isPackaged ? [] : [{ role: 'viewMenu' as const }]),
    { role: 'windowMenu' },
    { role: 'help', submenu: process.platform === 'darwin' ? [] : [about] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
