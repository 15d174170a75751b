import type { Logger } from "../logger.ts";
import { cacheFileFor, type IndexKey, loadSavedIndex, saveIndex } from "./cache.ts";
import { PassageIndex } from "./passage-index.ts";
import { pauseEvery } from "./pause.ts";
import type { SearchIndex } from "./port.ts";
import { createCorpusSync, type SyncReport, type SyncTarget } from "./sync.ts";
import { countChanges, watchCorpus } from "./watch.ts";

/** What the in-process index needs. */
export interface MiniSearchIndexOptions {
  corpusDir: string;
  /** Where the built index is saved between runs. */
  cacheDir: string;
  logger: Logger;
  /**
   * Pick up articles added, changed or removed while running. Default false. With a saved index, the first
   * check against the directory then runs in the background too: questions are answered from the saved index
   * meanwhile, instead of waiting for a stat of every article file (4 s at 125,000 passages).
   */
  watch?: boolean;
  /** With `watch`, how often the directory is re-scanned whatever its events say. Default 10 s. */
  rescanMs?: number;
}

/**
 * Longest stretch of indexing between two turns of the event loop: a question that arrives during a re-index
 * waits at most about this long before it is answered from the index as it was.
 */
const INDEX_SLICE_MS = 10;

/** A sync pass that reports nothing: what `openMiniSearchIndex` reports when it checks in the background. */
const UNCHECKED: SyncReport = { added: [], updated: [], removed: [], restamped: [], skipped: [] };

/**
 * The default index: MiniSearch in this process, loaded from its saved file (or built) and brought up to date
 * with the corpus directory, then saved if that changed anything; with `watch`, kept up to date while running,
 * in slices (see `INDEX_SLICE_MS`), and a saved index is brought up to date in the background (see `watch`).
 */
export async function openMiniSearchIndex(
  options: MiniSearchIndexOptions,
  key: IndexKey,
): Promise<{ index: SearchIndex; report: SyncReport }> {
  const { corpusDir, logger } = options;
  const cacheFile = cacheFileFor(options.cacheDir, corpusDir);
  const sync = createCorpusSync({ corpusDir, publishers: key.publishers, limits: key.limits, logger });
  const saved = await loadSavedIndex(cacheFile, key, logger);
  const index = saved ?? PassageIndex.create(key.analyzer, key.settings);
  /** A pass over the directory, then a save if it changed anything (`first`: restamps count, a build always). */
  const resync = async (target: SyncTarget, first: boolean) => {
    const report = await sync(target);
    const restamps = first ? report.restamped.length : 0;
    if ((first && !saved) || edits(report) + restamps > 0)
      await saveIndex(index, cacheFile, key.key, logger, corpusDir);
    return report;
  };
  if (!(saved && options.watch)) {
    const report = await resync(index, true);
    return {
      index: asSearchIndex(
        index,
        openWatcher(options, () => resync(inSlices(index), false)),
      ),
      report,
    };
  }
  const checked = resync(inSlices(index), true).then(
    (report) =>
      logger.info({ corpusDir, ...countChanges(report) }, "saved index checked against the articles"),
    (error: unknown) => logger.warn({ corpusDir, error: String(error) }, "could not check the saved index"),
  );
  // The watcher's passes start after the background check, never beside it.
  const watcher = openWatcher(options, async () => {
    await checked;
    return resync(inSlices(index), false);
  });
  return {
    index: asSearchIndex(index, async () => {
      await watcher();
      await checked;
    }),
    report: UNCHECKED,
  };
}

/** With `watch`, follows the directory, running `resync` on each change; returns how to stop. */
function openWatcher(
  options: MiniSearchIndexOptions,
  resync: () => Promise<SyncReport>,
): () => Promise<void> {
  if (!options.watch) return async () => {};
  const { corpusDir, logger, rescanMs } = options;
  const watcher = watchCorpus({ corpusDir, logger, rescanMs }, async (by) => {
    const report = await resync();
    if (edits(report) > 0) logger.info({ ...countChanges(report), by }, "articles changed; index updated");
  });
  return () => watcher.close();
}

/** How many articles a pass added, changed or removed. */
function edits(report: SyncReport): number {
  return report.added.length + report.updated.length + report.removed.length;
}

/** A running index as a sync target that adds and removes in slices, so that answering goes on meanwhile. */
function inSlices(index: PassageIndex): SyncTarget {
  const pause = pauseEvery(INDEX_SLICE_MS);
  return {
    files: () => index.files(),
    add: (article, version) => index.addInSlices(article, version, pause),
    restamp: (file, stamp) => index.restamp(file, stamp),
    remove: (file) => index.removeInSlices(file, pause),
  };
}

/** The port over a `PassageIndex`: its answers are ready at once, so the promises resolve at once. */
export function asSearchIndex(
  index: PassageIndex,
  close: () => Promise<void> | void = () => {},
): SearchIndex {
  return {
    engine: "minisearch",
    async retrieve(question, limit, accept) {
      return {
        candidates: index.find(question, limit, accept),
        idf: (field, term) => index.idf(field, term),
        article: (file) => index.article(file),
      };
    },
    wordsVersion: async () => index.wordsVersion(),
    words: async () => index.words(),
    articles: async () => index.articles(),
    stats: async () => ({ articles: index.articles().length, passages: index.size }),
    passages: async () => ({ version: index.passagesVersion(), passages: index.listPassages() }),
    passagesVersion: async () => index.passagesVersion(),
    async close() {
      await close();
    },
  };
}
