export interface JobLoop {
  /** Look for due work now (e.g. after an operation was applied). */
  kick(): void;
  /** Resolves once nothing is in flight; no job starts after it is called. */
  stop(): Promise<void>;
}

export interface JobLoopOptions<J> {
  /** Prefix for the log line when a drain fails, e.g. `[delivery] worker`. */
  readonly name: string;
  readonly intervalMs: number;
  readonly log: (line: string) => void;
  /**
   * The due jobs, read lazily: the next one is taken only once the loop knows it is not
   * stopping, so a job claimed on disk by taking it is always run.
   */
  readonly due: () => Iterable<J>;
  readonly run: (job: J) => Promise<void>;
}

/**
 * Runs due jobs one at a time: on a timer, and whenever kicked. A kick during a drain makes
 * it go round again rather than start a second drain, so two attempts at one job never
 * overlap in this process.
 */
export function startJobLoop<J>(options: JobLoopOptions<J>): JobLoop {
  let running: Promise<void> | null = null;
  // An object, not two lets: the flags change from other callbacks while a drain awaits.
  const flags = { again: false, stopped: false };
  const repeatWanted = (): boolean => flags.again && !flags.stopped;

  const drain = async (): Promise<void> => {
    do {
      flags.again = false;
      const jobs = options.due()[Symbol.iterator]();
      for (;;) {
        if (flags.stopped) return;
        const next = jobs.next();
        if (next.done === true) break;
        await options.run(next.value);
      }
    } while (repeatWanted());
  };

  const kick = (): void => {
    if (flags.stopped) return;
    if (running !== null) {
      flags.again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => {
        options.log(`${options.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(kick, options.intervalMs);
  timer.unref();
  kick();

  return {
    kick,
    async stop() {
      flags.stopped = true;
      clearInterval(timer);
      if (running !== null) await running;
    },
  };
}
