import { type FSWatcher, watch as watchDirectory } from "node:fs";
import type { Logger } from "../logger.ts";
import { cacheFileFor, type IndexKey, openIndex, type SyncReport, saveIndex, syncIndex } from "./cache.ts";
import type { PassageIndex } from "./passage-index.ts";
import type { SearchIndex } from "./port.ts";

/** What the in-process index needs. */
export interface MiniSearchIndexOptions {
  corpusDir: string;
  /** Where the built index is saved between runs. */
  cacheDir: string;
  logger: Logger;
  /** Pick up articles added, changed or removed while running. Default false. */
  watch?: boolean;
}

const WATCH_DELAY_MS = 300;

/**
 * The default index: MiniSearch in this process, loaded from its saved file (or built) and brought up to date
 * with the corpus directory; with `watch`, kept up to date while running.
 */
export async function openMiniSearchIndex(
  options: MiniSearchIndexOptions,
  key: IndexKey,
): Promise<{ index: SearchIndex; report: SyncReport }> {
  const { corpusDir, logger } = options;
  const cacheFile = cacheFileFor(options.cacheDir, corpusDir);
  const { index, report } = await openIndex(corpusDir, cacheFile, key, logger);
  const watcher = options.watch
    ? watchCorpus(
        corpusDir,
        async () => {
          const changes = await syncIndex(index, corpusDir, key.publishers, logger);
          if (changes.added.length + changes.updated.length + changes.removed.length === 0) return;
          logger.info(countChanges(changes), "articles changed; index updated");
          await saveIndex(index, cacheFile, key.key, logger);
        },
        logger,
      )
    : undefined;
  return { index: asSearchIndex(index, () => watcher?.close()), report };
}

/** The port over a `PassageIndex`: its answers are ready at once, so the promises resolve at once. */
export function asSearchIndex(index: PassageIndex, close: () => void = () => {}): SearchIndex {
  return {
    engine: "minisearch",
    async retrieve(question, limit) {
      return {
        candidates: index.find(question, limit),
        idf: (field, term) => index.idf(field, term),
        article: (file) => index.article(file),
      };
    },
    articles: async () => index.articles(),
    stats: async () => ({ articles: index.articles().length, passages: index.size }),
    async close() {
      close();
    },
  };
}

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
