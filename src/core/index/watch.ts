import { watchDirectory } from "../corpus/watch-directory.ts";
import type { Logger } from "../logger.ts";
import type { SyncReport } from "./sync.ts";

/** How long `close` waits for a resync under way; the saved index is replaced atomically, so cutting it is safe. */
const CLOSE_WAIT_MS = 2_000;

/** What `watchCorpus` needs. */
export interface WatchCorpusOptions {
  corpusDir: string;
  logger: Logger;
  /** How often the directory is re-scanned whatever its events say. Default 10 s (see `watchDirectory`). */
  rescanMs?: number;
}

/** A corpus directory being followed. */
export interface CorpusWatch {
  /** Stops watching, and waits (at most a moment) for a resync under way. */
  close(): Promise<void>;
}

/**
 * Calls `resync` (one at a time, never two at once) a moment after the directory last changed and at every
 * re-scan, and keeps watching when the directory is replaced or briefly missing (see `watchDirectory`). `by`
 * says who noticed: a re-scan that finds changes means the watch missed them, or had not reported them yet.
 * Shared by both engines: the file system only says that something changed, the resync works out what.
 */
export function watchCorpus(
  options: WatchCorpusOptions,
  resync: (by: "watch" | "re-scan") => Promise<void>,
): CorpusWatch {
  const { logger } = options;
  let syncing = Promise.resolve();
  let queued = false;
  const queue = (rescan: boolean) => {
    if (queued) return; // a pass is waiting to start already; it will see this change too
    queued = true;
    syncing = syncing
      .then(() => {
        queued = false;
        return resync(rescan ? "re-scan" : "watch");
      })
      .catch((error) => logger.error({ error: String(error) }, "could not update the index"));
  };
  const watch = watchDirectory({
    dir: options.corpusDir,
    logger,
    onChange: queue,
    rescanMs: options.rescanMs,
  });
  return {
    async close() {
      watch.close();
      await Promise.race([syncing, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    },
  };
}

/** A sync report as log fields. */
export function countChanges(report: SyncReport) {
  return {
    added: report.added.length,
    updated: report.updated.length,
    removed: report.removed.length,
    restamped: report.restamped.length,
    skipped: report.skipped.length,
  };
}
