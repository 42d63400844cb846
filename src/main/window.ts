import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';

/** Keeps a remembered position only if it is still on one of today's displays. */
function onScreen(state: WindowState): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y, width, height } = state;
  const visible = screen.getAllDisplays().some(({ workArea: a }) => {
    return x < a.x + a.width && x + width > a.x && y < a.y + a.height && y + height > a.y;
  });
  return visible ? state : { width, height, maximized: state.maximized };
}

export function createMainWindow(stateDir: string, preloadDir: string): BrowserWindow {
  const state = onScreen(loadWindowState(stateDir));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Social Desk',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
      // The emergency alert tone must sound after a restart, before anyone has clicked.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => {
    window.show();
  });
  const remember = (): void => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    try {
      saveWindowState(stateDir, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      console.error('[window] could not save window state', error);
    }
  };
  window.on('close', remember);
  window.on('resized', remember);
  window.on('moved', remember);
  return window;
}
