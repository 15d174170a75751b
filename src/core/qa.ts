import path from "node:path";
import { z } from "zod";
import { answerQuestion } from "./answer/answer-question.ts";
import { hashFiles, type IndexKey, sourceFiles } from "./index/cache.ts";
import { openMiniSearchIndex } from "./index/minisearch-index.ts";
import type { SearchIndex } from "./index/port.ts";
import type { PostgresSync } from "./index/postgres/postgres-index.ts";
import { countChanges } from "./index/watch.ts";
import type { Logger } from "./logger.ts";
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
  /**
   * Keep the index in PostgreSQL (`INDEX_URL`) instead of in this process, in `schema` (default `citebot`),
   * brought up to date with the directory as `sync` says (default `wait`, as the in-process index is).
   */
  postgres?: { url: string; schema?: string; sync?: PostgresSync };
  /** Settings that override `search.json`'s (calibration tries several thresholds on one corpus). */
  settings?: Partial<SearchSettings>;
}

const PublishersSchema = z.object({ hosts: z.record(z.string(), z.string()) });
const CORE_DIR = import.meta.dirname;

/**
 * Builds (or loads) the index of a corpus and returns the one port adapters use.
 * Throws `ConfigError` or `CorpusError` for problems a person must fix; a broken article file is skipped with a
 * warning, a corrupt saved index is rebuilt.
 */
export async function createQa(options: QaOptions): Promise<Qa> {
  const { configDir } = options;
  const settings: SearchSettings = { ...loadSearchSettings(configDir), ...options.settings };
  const analyzer = createAnalyzer(loadLexicon(configDir));
  const publishers = new Map(
    Object.entries(readConfigJson(configDir, "publishers.json", PublishersSchema).hosts),
  );
  // Only what changes the stored passages and terms goes into the key: the other settings apply to questions.
  const configFiles = [...LEXICON_FILES, "publishers.json"].map((f) => path.join(configDir, f));
  const code = await hashFiles([...(await sourceFiles(CORE_DIR)), ...configFiles]);
  const key = `${code}:${settings.passageMaxLength}:${settings.overlap}`;
  const index = await openIndex(options, { key, analyzer, settings, publishers });

  const context = { index, analyzer, settings };
  return {
    ask: (question: string, options?: AskOptions): Promise<Answer> =>
      answerQuestion(context, question, options),
    articles: async () => (await index.articles()).sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "")),
    close: () => index.close(),
  };
}

/** The engine the options ask for, opened; logs how big it is. */
async function openIndex(options: QaOptions, key: IndexKey): Promise<SearchIndex> {
  const { corpusDir, logger } = options;
  if (options.postgres) {
    const { openPostgresIndex } = await import("./index/postgres/postgres-index.ts");
    const { index } = await openPostgresIndex(
      { sync: "wait", ...options.postgres, corpusDir, logger, watch: options.watch },
      key,
    );
    logger.info({ corpusDir, engine: index.engine, ...(await index.stats()) }, "index ready");
    return index;
  }
  const { index, report } = await openMiniSearchIndex(options, key);
  logger.info(
    { corpusDir, engine: index.engine, ...(await index.stats()), ...countChanges(report) },
    "index ready",
  );
  return index;
}
