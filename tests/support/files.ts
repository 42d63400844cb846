import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir. */
export const makeTempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export function tempDirWithCleanup(prefix: string): { dir: string; cleanup: () => void } {
  const dir = makeTempDir(prefix);
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
