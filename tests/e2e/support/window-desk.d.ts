import type { DeskApi } from '../../../src/shared/ipc/client';

// What the console page exposes, so page.evaluate callbacks are typed.
declare global {
  interface Window {
    desk?: DeskApi;
  }
}
