import type { Logger } from "../logger.ts";
import { cacheFileFor, type IndexKey, openIndex, saveIndex } from "./cache.ts";
import type { PassageIndex } from "./passage-index.ts";
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
  /** Pick up articles added, changed or removed while running. Default false. */
  watch?: boolean;
  /** With `watch`, how often the directory is re-scanned whatever its events say. Default 10 s. */
  rescanMs?: number;
}

/**
 * Longest stretch of indexing between two turns of the event loop: a question that arrives during a re-index
 * waits at most about this long before it is answered from the index as it was.
 */
const INDEX_SLICE_MS = 10;

/**
 * The default index: MiniSearch in this process, loaded from its saved file (or built) and brought up to date
 * with the corpus directory; with `watch`, kept up to date while running, in slices (see `INDEX_SLICE_MS`).
 */
export async function openMiniSearchIndex(
  options: MiniSearchIndexOptions,
  key: IndexKey,
): Promise<{ index: SearchIndex; report: SyncReport }> {
  const { corpusDir, logger } = options;
  const cacheFile = cacheFileFor(options.cacheDir, corpusDir);
  const sync = createCorpusSync({ corpusDir, publishers: key.publishers, limits: key.limits, logger });
  const { index, report } = await openIndex(cacheFile, key, sync, logger);
  const target = inSlices(index);
  const watcher = options.watch
    ? watchCorpus({ corpusDir, logger, rescanMs: options.rescanMs }, async (by) => {
        const changes = await sync(target);
        if (changes.added.length + changes.updated.length + changes.removed.length === 0) return;
        logger.info({ ...countChanges(changes), by }, "articles changed; index updated");
        await saveIndex(index, cacheFile, key.key, logger);
      })
    : undefined;
  return { index: asSearchIndex(index, () => watcher?.close()), report };
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
    articles: async () => index.articles(),
    stats: async () => ({ articles: index.articles().length, passages: index.size }),
    async close() {
      await close();
    },
  };
}
