import { type FSWatcher, watch as watchDirectory } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Logger } from "../logger.ts";
import { answer } from "./answer/answer.ts";
import {
  cacheFileFor,
  hashFiles,
  openIndex,
  type SyncReport,
  saveIndex,
  sourceFiles,
  syncIndex,
} from "./index/cache.ts";
import { loadSearchSettings, readConfigJson, type SearchSettings } from "./settings.ts";
import { createAnalyzer } from "./text/analyze.ts";
import { LEXICON_FILES, loadLexicon } from "./text/lexicon.ts";
import type { Answer, AskOptions, Qa } from "./types.ts";

/** What `createQa` needs. */
export interface QaOptions {
  /** Directory of article files. */
  corpusDir: string;
  /** Where the built index is saved between runs. */
  cacheDir: string;
  /** Directory of the dictionary, aliases, glossary, stop words and search settings. */
  configDir: string;
  logger: Logger;
  /** Pick up articles added, changed or removed while running. Default false. */
  watch?: boolean;
  /** Settings that override `search.json`'s (calibration tries several thresholds on one corpus). */
  settings?: Partial<SearchSettings>;
}

const PublishersSchema = z.object({ hosts: z.record(z.string(), z.string()) });
const CORE_DIR = import.meta.dirname;
const WATCH_DELAY_MS = 300;

/**
 * Builds (or loads) the index of a corpus and returns the one port adapters use.
 * Throws `ConfigError` or `CorpusError` for problems a person must fix; a broken article file is skipped with a
 * warning, a corrupt saved index is rebuilt.
 */
export async function createQa(options: QaOptions): Promise<Qa> {
  const { corpusDir, cacheDir, configDir, logger } = options;
  const settings: SearchSettings = { ...loadSearchSettings(configDir), ...options.settings };
  const analyzer = createAnalyzer(loadLexicon(configDir));
  const publishers = new Map(
    Object.entries(readConfigJson(configDir, "publishers.json", PublishersSchema).hosts),
  );
  // Only what changes the stored passages and terms goes into the key: the other settings apply to questions.
  const configFiles = [...LEXICON_FILES, "publishers.json"].map((f) => path.join(configDir, f));
  const code = await hashFiles([...(await sourceFiles(CORE_DIR)), ...configFiles]);
  const key = `${code}:${settings.passageMaxLength}:${settings.overlap}`;
  const cacheFile = cacheFileFor(cacheDir, corpusDir);
  const { index, report } = await openIndex(
    corpusDir,
    cacheFile,
    { key, analyzer, settings, publishers },
    logger,
  );
  logger.info(
    { corpusDir, articles: index.articles().length, passages: index.size, ...counts(report) },
    "index ready",
  );

  let watcher: FSWatcher | undefined;
  if (options.watch) {
    let timer: NodeJS.Timeout | undefined;
    let syncing = Promise.resolve();
    const resync = () => {
      syncing = syncing
        .then(async () => {
          const changes = await syncIndex(index, corpusDir, publishers, logger);
          if (changes.added.length + changes.updated.length + changes.removed.length === 0) return;
          logger.info(counts(changes), "articles changed; index updated");
          await saveIndex(index, cacheFile, key, logger);
        })
        .catch((error) => logger.error({ error: String(error) }, "could not update the index"));
    };
    watcher = watchDirectory(corpusDir, () => {
      clearTimeout(timer);
      timer = setTimeout(resync, WATCH_DELAY_MS);
    });
    watcher.on("error", (error) =>
      logger.warn({ error: String(error) }, "stopped watching the article directory"),
    );
  }

  const context = { index, analyzer, settings };
  return {
    ask: (question: string, options?: AskOptions): Answer => answer(context, question, options),
    articles: () => index.articles().sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "")),
    async close() {
      watcher?.close();
    },
  };
}

function counts(report: SyncReport) {
  return {
    added: report.added.length,
    updated: report.updated.length,
    removed: report.removed.length,
    restamped: report.restamped.length,
    skipped: report.skipped.length,
  };
}
