import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

describe('npm run build', () => {
  // tests/unit/global-setup.ts has just run the build.
  it('writes out/main, a CommonJS out/preload and out/renderer', () => {
    expect(existsSync(join(root, 'out/main/index.js'))).toBe(true);
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true);
    const preload = readFileSync(join(root, 'out/preload/index.cjs'), 'utf8');
    // A sandboxed preload is loaded as a CommonJS script: no ES module syntax allowed.
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).not.toMatch(/^\s*export\s/m);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
