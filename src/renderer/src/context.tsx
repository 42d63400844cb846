import { createContext, useContext } from 'react';
import type { DeskApi } from '../../shared/ipc/client';

export const DeskContext = createContext<DeskApi | null>(null);

/** The typed bridge to the console engine; the same object in Electron and in the browser shell. */
export function useDesk(): DeskApi {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside DeskContext');
  return desk;
}
