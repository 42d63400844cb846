import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The SQLite temporary files this process has open (Linux). SQLite names them etilqs_…
 * and unlinks them as soon as they are open, so only /proc/self/fd still shows them.
 */
export const sqliteTempFilesOpen = (): string[] =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
