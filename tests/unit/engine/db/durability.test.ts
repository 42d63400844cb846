import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { durably } from '../../../../src/engine/db/durability';
import type { CacheDb } from '../../../../src/engine/db/handle';
import { openCacheDb } from '../../../../src/engine/db/open';

const FULL = 2;
const NORMAL = 1;
let db: CacheDb | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const level = (handle: CacheDb): unknown => handle.pragma('synchronous', { simple: true });

describe('cache durability levels', () => {
  it('commits hub data without waiting for the disk, and the operator’s own writes with it', () => {
    db = openCacheDb(mkdtempSync(join(tmpdir(), 'desk-durable-')));
    const handle = db;
    expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(level(handle)).toBe(NORMAL);
    expect(durably(handle, () => level(handle))).toBe(FULL);
    expect(level(handle)).toBe(NORMAL);
  });

  it('goes back to the normal level when the durable write fails', () => {
    db = openCacheDb(mkdtempSync(join(tmpdir(), 'desk-durable-')));
    const handle = db;
    expect(() =>
      durably(handle, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(level(handle)).toBe(NORMAL);
  });
});
