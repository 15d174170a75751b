import type { Logger } from "../logger.ts";
import { cacheFileFor, type IndexKey, openIndex, type SyncReport, saveIndex, syncIndex } from "./cache.ts";
import type { PassageIndex } from "./passage-index.ts";
import type { SearchIndex } from "./port.ts";
import { countChanges, watchCorpus } from "./watch.ts";

/** What the in-process index needs. */
export interface MiniSearchIndexOptions {
  corpusDir: string;
  /** Where the built index is saved between runs. */
  cacheDir: string;
  logger: Logger;
  /** Pick up articles added, changed or removed while running. Default false. */
  watch?: boolean;
}

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
      close();
    },
  };
}
