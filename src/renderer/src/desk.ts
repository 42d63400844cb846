import type { DeskApi } from '../../shared/ipc/client';
import { connectBrowserBridge } from './bridge/browser-bridge';

declare global {
  interface Window {
    desk?: DeskApi;
  }
}

/** Electron's preload puts `desk` on window; in the browser shell we bring our own. */
export async function obtainDesk(): Promise<DeskApi> {
  if (window.desk) return window.desk;
  const desk = await connectBrowserBridge();
  window.desk = desk;
  return desk;
}
