import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsoleEngine } from '../../../src/engine/engine';
import { CACHE_FILE } from '../../../src/engine/db/open';
import { reportStartFailure, type StartFailureShell } from '../../../src/main/start-failure';
import { makeTempDir } from '../../support/files';

/** Electron's dialog and app as far as a failed start goes: what was shown, how it exited. */
function standInShell(opts: { dialogThrows?: boolean } = {}): StartFailureShell & {
  boxes: { title: string; content: string }[];
  exits: number[];
  lines: string[];
} {
  const shell = {
    boxes: [] as { title: string; content: string }[],
    exits: [] as number[],
    lines: [] as string[],
    showErrorBox(title: string, content: string) {
      if (opts.dialogThrows === true) throw new Error('no display');
      shell.boxes.push({ title, content });
    },
    exit(code: number) {
      shell.exits.push(code);
    },
    log(line: string) {
      shell.lines.push(line);
    },
  };
  return shell;
}

/** What IT meets after rolling the MSI back: a cache a newer version wrote. */
async function startOnNewerCache(): Promise<unknown> {
  const dataDir = makeTempDir('desk-start-failure-');
  await createConsoleEngine({ dataDir, emit: () => undefined, log: () => undefined }).close();
  const db = new Database(join(dataDir, CACHE_FILE));
  db.pragma('user_version = 999');
  db.close();
  try {
    createConsoleEngine({ dataDir, emit: () => undefined, log: () => undefined });
  } catch (error) {
    return error;
  }
  throw new Error('the engine opened a cache from a newer version');
}

describe('reportStartFailure', () => {
  it('shows the operator why the console could not start, in a box, then exits with 1', async () => {
    const error = await startOnNewerCache();
    const shell = standInShell();
    reportStartFailure(shell, error);

    expect(shell.boxes).toHaveLength(1);
    const box = shell.boxes[0];
    expect(box?.title).toBe('Social Desk could not start');
    expect(box?.content).toMatch(/Nothing saved on this console has been lost/);
    expect(box?.content).toMatch(/newer Social Desk \(schema version 999/);
    expect(box?.content).toMatch(/Dywedwch wrth eich adran TG/);
    expect(shell.exits).toEqual([1]);
    expect(shell.lines[0]).toMatch(/^\[main\] failed to start: The console cache was written by a newer/);
  });

  it('still exits when the box itself cannot be shown', () => {
    const shell = standInShell({ dialogThrows: true });
    reportStartFailure(shell, 'settings file unreadable');
    expect(shell.exits).toEqual([1]);
    expect(shell.lines).toEqual([
      '[main] failed to start: settings file unreadable',
      '[main] could not show the start failure: no display',
    ]);
  });
});
