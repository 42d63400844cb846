import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { z } from 'zod';

/** How often the write-ahead log is folded back into the database file, unless told otherwise. */
export const CHECKPOINT_EVERY_MS = 2_000;

export interface CheckpointOptions {
  readonly everyMs?: number;
  /** Names the database in log lines: `cache` (a console's) or `hub`. */
  readonly label?: string;
  /** Where checkpoints run; `worker` falls back to `main` if the worker cannot start. */
  readonly thread?: 'worker' | 'main';
  /** The better-sqlite3 the worker loads (the app's own, resolved from here). */
  readonly driver?: string;
  readonly log?: (line: string) => void;
}

export interface Checkpoints {
  /** Where checkpoints run now. */
  thread(): 'worker' | 'main';
  /** Stops them; resolves once the worker has closed its connection. */
  stop(): Promise<void>;
}

/*
 * The worker's whole program, run with `eval` so it needs no bundler entry of its own in
 * the Electron build and no TypeScript loader under the tests. It opens a second connection
 * to the same file: in WAL mode a checkpoint from one connection runs alongside commits
 * from another, and never waits for them (PASSIVE).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// This connection only checkpoints, never commits. In WAL mode NORMAL already flushes the
// log before a checkpoint and the file after it, so FULL (the hub's) would change nothing.
db.pragma('synchronous = NORMAL');
// Commits that land while a checkpoint copies stay in the log after it, and the log only
// starts over from the top once all of it has been copied. A pass reports the log as it
// stood when the pass began, so passes again while the log keeps growing; the last few
// commits, the main thread copies between two of its own once the log is big, and only
// once it says so does the timer run again (two checkpoints cannot run at once).
let lastLog = -1;
const checkpoint = () => {
  let log = -1;
  for (let pass = 0; pass < 3; pass += 1) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!result || result.log <= 0 || result.log === log) break;
    log = result.log;
  }
  // A small log is left to grow: the main thread's pass is only worth it to stop a big one.
  const behind = log > workerData.restartAfterPages && log !== lastLog;
  lastLog = log;
  return behind;
};
let timer = null;
let closed = false;
const schedule = (ms) => {
  if (!closed) timer = setTimeout(run, ms);
};
const run = () => {
  timer = null;
  let behind = false;
  try {
    behind = checkpoint();
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', message: String(error && error.message || error) });
  }
  if (behind) parentPort.postMessage({ kind: 'behind' });
  else schedule(workerData.everyMs);
};
schedule(Math.floor(Math.random() * workerData.everyMs));
parentPort.on('message', (message) => {
  if (message === 'caught-up') {
    schedule(workerData.everyMs);
    return;
  }
  closed = true;
  if (timer !== null) clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * What the worker says: a checkpoint that failed (the next one is tried anyway), or one that
 * could not copy the commits made while it ran, which the main thread then copies.
 */
const workerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('failed'), message: z.string() }),
  z.object({ kind: z.literal('behind') }),
]);

/**
 * A log that has started over is cut back to this size, so one flood does not leave a
 * log file of hundreds of megabytes behind for good.
 */
export const LOG_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Past this many pages (8 MiB) in the log, the main thread finishes a checkpoint the worker
 * could not, so the log starts over. Below it the log just grows until a quiet moment.
 */
export const RESTART_LOG_AFTER_PAGES = 2048;

/**
 * Checkpoints a database's write-ahead log on a timer of its own, off the main thread.
 * Both the console's cache and the hub use it.
 *
 * By default SQLite checkpoints inside whichever commit takes the log past 1,000 pages, so
 * now and then one live batch paid for copying the whole log back and a disk flush before
 * the operator saw it. At the hub the same commit held up every webhook and console on its
 * one thread: about one commit in twenty under a webhook flood, each 5–8 ms. On a timer in
 * the main thread the copy still stopped everything else: about 18 ms every two seconds on
 * a busy desk, and a quarter of a second in the middle of a long catch-up, with IPC from the
 * window waiting behind it. In a worker it overlaps with the main thread's own work. A
 * PASSIVE checkpoint never waits for a reader or writer, and one with nothing to copy costs
 * next to nothing. The first one comes at a random point of the interval, so consoles
 * started together do not all flush at once.
 *
 * While commits never stop (a webhook flood, a long catch-up), some always land during the
 * worker's copy, and SQLite starts the log over only once all of it is copied: the log grew
 * without end (240 MB after 13,000 webhooks). So when the worker is left behind, the main
 * thread copies the last few commits itself, between two of its own, and the next commit
 * starts the log over.
 */
export function startCheckpoints(db: Database.Database, options: CheckpointOptions = {}): Checkpoints {
  const everyMs = options.everyMs ?? CHECKPOINT_EVERY_MS;
  const log = options.log ?? (() => undefined);
  const label = options.label ?? 'cache';
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${String(LOG_SIZE_LIMIT_BYTES)}`);
  let stopped = false;
  let catchingUp = false;

  /** One checkpoint on this thread, between commits; a failed one is logged, as the worker's are. */
  const checkpointHere = (): void => {
    try {
      if (db.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      log(`[${label}] checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /**
   * Copies what the worker could not, at the main thread's next gap between commits, then
   * lets the worker's timer run again.
   */
  const catchUpOnMainThread = (from: Worker): void => {
    if (catchingUp) return;
    catchingUp = true;
    setImmediate(() => {
      catchingUp = false;
      if (stopped) return;
      checkpointHere();
      from.postMessage('caught-up');
    });
  };
  let mainTimer: { stop(): void } | null = null;
  let worker: Worker | null = null;
  let workerGone: Promise<void> = Promise.resolve();

  const onMainThread = (): void => {
    if (stopped || mainTimer !== null) return;
    mainTimer = mainThreadTimer(checkpointHere, everyMs);
  };

  if (options.thread === 'main') onMainThread();
  else {
    try {
      const started = new Worker(WORKER_SOURCE, {
        eval: true,
        // Plain CommonJS: none of the parent's loaders (tsx in the bench and tools).
        execArgv: [],
        workerData: {
          driver: options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3'),
          file: db.name,
          everyMs,
          restartAfterPages: RESTART_LOG_AFTER_PAGES,
        },
      });
      started.unref();
      worker = started;
      workerGone = new Promise((resolve) => {
        started.once('exit', () => {
          resolve();
          if (worker === started) worker = null;
          if (!stopped) {
            log(`[${label}] the checkpoint worker stopped: checkpointing on the main thread`);
            onMainThread();
          }
        });
      });
      started.on('message', (raw: unknown) => {
        const message = workerMessageSchema.safeParse(raw);
        if (!message.success) return;
        if (message.data.kind === 'behind') catchUpOnMainThread(started);
        else log(`[${label}] checkpoint failed: ${message.data.message}`);
      });
      started.on('error', (error) => {
        log(`[${label}] checkpoint worker: ${error.message}`);
      });
    } catch (error) {
      log(`[${label}] no checkpoint worker (${error instanceof Error ? error.message : String(error)})`);
      onMainThread();
    }
  }

  return {
    thread: () => (worker !== null ? 'worker' : 'main'),
    stop() {
      stopped = true;
      mainTimer?.stop();
      if (worker !== null) {
        // Unreferenced while it runs, so it never holds the app open; but whoever waits for
        // it to close must not see the process end first (an unsettled await, exit code 13).
        worker.ref();
        worker.postMessage('stop');
      }
      return workerGone;
    },
  };
}

function mainThreadTimer(checkpoint: () => void, everyMs: number): { stop(): void } {
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(
    () => {
      checkpoint();
      interval = setInterval(checkpoint, everyMs);
      interval.unref();
    },
    Math.floor(Math.random() * everyMs),
  );
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      if (interval !== null) clearInterval(interval);
    },
  };
}
