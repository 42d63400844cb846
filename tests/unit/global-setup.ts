import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds `out/` once before any test file runs, so tests that inspect the build (and the
 * pack check) never race a build running in another worker.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '../..');
  execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'pipe' });
}
