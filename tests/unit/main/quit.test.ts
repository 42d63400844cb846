import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsoleEngine } from '../../../src/engine/engine';
import { CACHE_FILE } from '../../../src/engine/db/open';
import { closeBeforeQuit, type QuittingApp } from '../../../src/main/quit';
import { makeTempDir } from '../../support/files';
import { waitFor } from '../../support/wait';

/** Electron's `app` as far as quitting goes: will-quit listeners, and quit() re-emits will-quit. */
function standInApp(): QuittingApp & { quits: number; exited: boolean; tryQuit(): boolean } {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  const app = {
    quits: 0,
    exited: false,
    on(_event: 'will-quit', listener: (event: { preventDefault(): void }) => void) {
      listeners.push(listener);
      return app;
    },
    /** What Electron does on quit(): emits will-quit, and exits unless a listener prevented it. */
    tryQuit(): boolean {
      const outcome = { prevented: false };
      for (const listener of listeners)
        listener({
          preventDefault: () => {
            outcome.prevented = true;
          },
        });
      if (!outcome.prevented) app.exited = true;
      return !outcome.prevented;
    },
    quit() {
      app.quits += 1;
      app.tryQuit();
    },
  };
  return app;
}

describe('closeBeforeQuit', () => {
  it('holds the quit until the engine has closed and folded its write-ahead log into the cache', async () => {
    const dataDir = makeTempDir('desk-quit-');
    const engine = createConsoleEngine({ dataDir, emit: () => undefined, log: () => undefined });
    const app = standInApp();
    const lines: string[] = [];
    closeBeforeQuit(
      app,
      () => engine.close(),
      (line) => lines.push(line),
    );

    expect(app.tryQuit()).toBe(false);
    // A second quit while closing (the user pressing Ctrl+Q again) is held too, and closes once.
    expect(app.tryQuit()).toBe(false);
    expect(app.exited).toBe(false);
    await waitFor(() => app.exited);
    expect(app.quits).toBe(1);
    expect(lines).toEqual([]);
    const wal = join(dataDir, `${CACHE_FILE}-wal`);
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('quits anyway when closing fails or hangs, and says why', async () => {
    const failing = standInApp();
    const lines: string[] = [];
    closeBeforeQuit(
      failing,
      () => Promise.reject(new Error('disk gone')),
      (line) => lines.push(line),
    );
    expect(failing.tryQuit()).toBe(false);
    await waitFor(() => failing.exited);
    expect(lines).toEqual(['[main] closing the console engine failed: disk gone']);

    const hanging = standInApp();
    closeBeforeQuit(
      hanging,
      () => new Promise<void>(() => undefined),
      (line) => lines.push(line),
      50,
    );
    expect(hanging.tryQuit()).toBe(false);
    await waitFor(() => hanging.exited);
    expect(lines[1]).toBe('[main] the console engine did not close within 50 ms; quitting anyway');
  });
});
