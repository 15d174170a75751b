import { settlesWithin } from "./deadlines.ts";

/** Work a bot runs alongside its platform's event loop, so that shutdown can wait for it. */
export interface Tasks {
  /** Tracks `task` (which must not reject) until it settles. */
  track(task: Promise<void>): void;
  /** How many tracked tasks are still running. */
  readonly size: number;
  /** Resolves when one of the running tasks settles. */
  one(): Promise<void>;
  /** Waits until every tracked task settled or `timeoutMs` passed; resolves to how many are still running. */
  drain(timeoutMs: number): Promise<number>;
}

/** An empty set of tracked tasks. */
export function createTasks(): Tasks {
  const running = new Set<Promise<void>>();
  return {
    track(task) {
      const tracked = task.finally(() => running.delete(tracked));
      running.add(tracked);
    },
    get size() {
      return running.size;
    },
    one: () => Promise.race(running),
    async drain(timeoutMs) {
      if (running.size > 0) await settlesWithin(Promise.all(running), Math.max(0, timeoutMs));
      return running.size;
    },
  };
}
