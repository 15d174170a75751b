import { type FSWatcher, watch as watchDirectory } from "node:fs";
import type { Logger } from "../logger.ts";
import type { SyncReport } from "./cache.ts";

/** Changes often come in bursts (a copy, an editor's save): wait this long after the last one. */
const WATCH_DELAY_MS = 300;

/**
 * Calls `resync` (one at a time, never two at once) a moment after the directory last changed. Shared by both
 * engines: the file system only says that something changed, the resync works out what.
 */
export function watchCorpus(corpusDir: string, resync: () => Promise<void>, logger: Logger): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  let syncing = Promise.resolve();
  const queue = () => {
    syncing = syncing
      .then(resync)
      .catch((error) => logger.error({ error: String(error) }, "could not update the index"));
  };
  const watcher = watchDirectory(corpusDir, () => {
    clearTimeout(timer);
    timer = setTimeout(queue, WATCH_DELAY_MS);
  });
  watcher.on("error", (error) =>
    logger.warn({ error: String(error) }, "stopped watching the article directory"),
  );
  watcher.on("close", () => clearTimeout(timer));
  return watcher;
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
