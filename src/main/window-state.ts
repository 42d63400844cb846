import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };

const fileIn = (dir: string): string => join(dir, 'window-state.json');

/** A missing or damaged file gives the default size rather than failing start-up. */
export function loadWindowState(dir: string): WindowState {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(fileIn(dir), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  const tmp = `${fileIn(dir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(windowStateSchema.parse(state)));
  renameSync(tmp, fileIn(dir));
}
