import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_MAX_ARTICLE_BYTES } from "./corpus/read-corpus.ts";
import { createFeedbackStore, type FeedbackStore } from "./feedback/store.ts";
import { hashFiles, type IndexKey, sourceFiles } from "./index/cache.ts";
import { openMiniSearchIndex } from "./index/minisearch-index.ts";
import type { SearchIndex } from "./index/port.ts";
import type { PostgresSync } from "./index/postgres/postgres-index.ts";
import { countChanges } from "./index/watch.ts";
import { shippedCedict } from "./language/cedict-cache.ts";
import { LEXICON_FILES, loadLexicon } from "./language/lexicon.ts";
import type { Logger } from "./logger.ts";
import { createAnalyzer } from "./question/analyse.ts";
import type { SemanticEndpoints } from "./semantic/layer.ts";
import { loadSearchSettings, readConfigJson, type SearchSettings } from "./settings.ts";

/** What `createQa` opens: the settings, the lexicon and analyzer, the index built with them, the vote store. */

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
   * Keep the index in PostgreSQL (`INDEX_URL`) instead of in this process, in `schema`, brought up to date with
   * the directory as `sync` says (`PostgresSync`: the command-line tools `wait`, a bot `background`, a read-only
   * replica `off`; `INDEX_SYNC` in config.ts).
   */
  postgres?: { url: string; schema: string; sync: PostgresSync };
  /** Settings that override `search.json`'s (calibration tries several thresholds on one corpus). */
  settings?: Partial<SearchSettings>;
  /**
   * Where votes go. Default: `feedbackFileIn(cacheDir)`, with a salt generated beside it; with `postgres`,
   * a table in the index's schema, shared by every replica (`file` is then unused).
   */
  feedback?: { file?: string; salt?: string };
  /** Article files larger than this are skipped with a warning. Default `DEFAULT_MAX_ARTICLE_BYTES` (2 MiB). */
  maxArticleBytes?: number;
  /** With `watch`, how often the directory is re-scanned whatever its events say. Default 10 s. */
  rescanMs?: number;
  /**
   * Values that must never be quoted, whatever the corpus holds (bot tokens, API keys, passwords): article text
   * holding one is left out with a warning naming the file (see `withoutSecrets`). Default none.
   */
  secrets?: readonly string[];
  /** Model endpoints for the opt-in semantic re-ranking (`EMBEDDINGS_URL`, `RERANK_URL`); none: words alone. */
  semantic?: SemanticEndpoints | undefined;
}

const PublishersSchema = z.object({ hosts: z.record(z.string(), z.string()) });
const CORE_DIR = import.meta.dirname;

/** The settings, lexicon and analyzer, and the index built (or loaded) with them. */
export async function openCorpus(options: QaOptions) {
  const { configDir } = options;
  const settings: SearchSettings = { ...loadSearchSettings(configDir), ...options.settings };
  const lexicon = loadLexicon(configDir, shippedCedict({ dir: options.cacheDir, logger: options.logger }));
  const analyzer = createAnalyzer(lexicon);
  const publishers = new Map(
    Object.entries(readConfigJson(configDir, "publishers.json", PublishersSchema).hosts),
  );
  // Only what changes the stored passages and terms goes into the key: the other settings apply to questions.
  const configFiles = [...LEXICON_FILES, "publishers.json"].map((f) => path.join(configDir, f));
  const code = await hashFiles([...(await sourceFiles(CORE_DIR)), ...configFiles]);
  // The size limit too: raised, files skipped so far are read; lowered, files now too large are dropped.
  const maxArticleBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  // And the secrets, hashed in with the code: an index saved before a secret was configured may hold it.
  const secrets = [...new Set(options.secrets ?? [])].sort();
  const built = createHash("sha256").update(code).update(JSON.stringify(secrets)).digest("hex");
  const key = `${built}:${settings.passageMaxLength}:${settings.overlap}:${maxArticleBytes}`;
  const limits = { maxArticleBytes, secrets };
  const index = await openIndex(options, { key, analyzer, settings, publishers, limits });
  return { settings, lexicon, analyzer, publishers, index, limits };
}

/** The votes file when none is set (`FEEDBACK_FILE`): in the cache directory. */
export function feedbackFileIn(cacheDir: string): string {
  return path.join(cacheDir, "feedback.jsonl");
}

/** Where votes go: beside the PostgreSQL index when there is one (every replica's in one table), else a file. */
export async function openFeedbackStore(options: QaOptions): Promise<FeedbackStore> {
  const { logger } = options;
  const salt = options.feedback?.salt;
  if (options.postgres) {
    // Loaded only when asked for, as the PostgreSQL index is: the default set-up never loads pg.
    const { createPostgresFeedbackStore } = await import("./feedback/postgres-store.ts");
    const { url, schema } = options.postgres;
    return createPostgresFeedbackStore({ url, schema, salt, logger });
  }
  const file = options.feedback?.file ?? feedbackFileIn(options.cacheDir);
  return createFeedbackStore({ file, salt, logger });
}

/** The engine the options ask for, opened; logs how big it is. */
async function openIndex(options: QaOptions, key: IndexKey): Promise<SearchIndex> {
  const { corpusDir, logger } = options;
  if (options.postgres) {
    const { openPostgresIndex } = await import("./index/postgres/postgres-index.ts");
    const { index } = await openPostgresIndex(
      { ...options.postgres, corpusDir, logger, watch: options.watch },
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
