import type { Logger } from "../core/logger.ts";

/** What `createWriteQueue` needs. */
export interface WriteQueueOptions<T> {
  /** Writes a batch, all or nothing. */
  write(batch: T[]): Promise<void>;
  /** True for an error worth trying again shortly (a database locked by another process). */
  retryable?(error: unknown): boolean;
  logger: Logger;
  /** What the rows are, for the warning: `question log`, `votes`. */
  what: string;
  /** Tries of a batch that keeps failing with a retryable error. Default 20. */
  tries?: number;
  /** Wait between tries, in ms. Default 100. */
  retryMs?: number;
}

/** Rows written behind the caller's back. */
export interface WriteQueue<T> {
  /** Queues a row; returns at once, never throws. */
  push(row: T): void;
  /** Resolves when every row pushed so far is written or given up. */
  flush(): Promise<void>;
}

/**
 * Collects rows and writes them in batches after the current turn of the event loop, one batch at a time: the
 * caller (an answer on its way to a user) never waits for storage. A batch that cannot be written is lost with
 * one warning per run of failures (not one per row: a full disk must not flood the log), after a few tries when
 * the error is a lock that may pass.
 */
export function createWriteQueue<T>(options: WriteQueueOptions<T>): WriteQueue<T> {
  const { logger, what } = options;
  const tries = options.tries ?? 20;
  const retryMs = options.retryMs ?? 100;
  let pending: T[] = [];
  let running: Promise<void> = Promise.resolve();
  let scheduled = false;
  let lost = 0;

  const writeBatch = async (batch: T[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.write(batch);
        if (lost > 0) logger.info({ lost }, `${what}: writing again`);
        lost = 0;
        return;
      } catch (error) {
        if (attempt < tries && options.retryable?.(error)) {
          await new Promise((resolve) => setTimeout(resolve, retryMs));
          continue;
        }
        if (lost === 0) logger.warn({ error: String(error), rows: batch.length }, `${what}: rows lost`);
        lost += batch.length;
        return;
      }
    }
  };
  const drain = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length > 0) running = running.then(() => writeBatch(batch));
  };
  return {
    push(row) {
      pending.push(row);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    },
    async flush() {
      drain();
      await running;
    },
  };
}
