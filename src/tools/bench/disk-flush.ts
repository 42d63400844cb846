import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './desk';

/**
 * The median time to write 40 KiB (about what the hub commits for one webhook) and wait for
 * the disk, measured where the bench keeps its databases: context for every figure that
 * includes a durable commit.
 */
export function measureDiskFlushMs(rounds = 200): number {
  const dir = tempDir('desk-bench-flush-');
  const fd = openSync(join(dir, 'flush.bin'), 'w');
  const block = Buffer.alloc(40 * 1024, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i += 1) {
      const t0 = performance.now();
      writeSync(fd, block, 0, block.length, (i % 16) * block.length);
      fdatasyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
