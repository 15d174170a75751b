import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { answerQuestion } from "./answer/answer-question.ts";
import { createEvidence } from "./answer/evidence.ts";
import { compareOutlets } from "./compare.ts";
import { DEFAULT_MAX_ARTICLE_BYTES } from "./corpus/read-corpus.ts";
import { createTimeline, locate, publishersOf, readContext, scope } from "./features.ts";
import { createFeedbackStore, type FeedbackStore } from "./feedback/store.ts";
import { hashFiles, type IndexKey, sourceFiles } from "./index/cache.ts";
import { openMiniSearchIndex } from "./index/minisearch-index.ts";
import type { IndexStats, SearchIndex } from "./index/port.ts";
import { DEFAULT_SCHEMA } from "./index/postgres/default-schema.ts";
import type { PostgresSync } from "./index/postgres/postgres-index.ts";
import { createTransliterator } from "./index/transliterations.ts";
import { countChanges } from "./index/watch.ts";
import type { Logger } from "./logger.ts";
import { loadSearchSettings, readConfigJson, type SearchSettings } from "./settings.ts";
import { createAnalyzer } from "./text/analyze.ts";
import { shippedCedict } from "./text/cedict-cache.ts";
import { LEXICON_FILES, loadLexicon } from "./text/lexicon.ts";
import type {
  Answer,
  AskOptions,
  CompareOptions,
  Comparison,
  Qa,
  QuoteLocation,
  VoteOutcome,
  VoteRequest,
} from "./types.ts";

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
  /**
   * Where votes go. Default: `feedback.jsonl` in `cacheDir`, with a salt generated beside it; with `postgres`,
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
}

/** The `Qa` that `createQa` returns, which can also say how big its index is (for health checks and metrics). */
export interface LoadedQa extends Qa {
  /** The articles and passages indexed now; rejects when the index's store cannot be reached. */
  stats(): Promise<IndexStats>;
}

const PublishersSchema = z.object({ hosts: z.record(z.string(), z.string()) });
const CORE_DIR = import.meta.dirname;

/**
 * Builds (or loads) the index of a corpus and returns the one port adapters use.
 * Throws `ConfigError` or `CorpusError` for problems a person must fix; a broken article file is skipped with a
 * warning, a corrupt saved index is rebuilt.
 */
export async function createQa(options: QaOptions): Promise<LoadedQa> {
  const { corpusDir, configDir, logger } = options;
  const settings: SearchSettings = { ...loadSearchSettings(configDir), ...options.settings };
  const lexicon = loadLexicon(configDir, shippedCedict({ dir: options.cacheDir, logger }));
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

  const transliterate = createTransliterator(index, lexicon.names, logger);
  void transliterate.prepare(); // in the background: the first question with a name would wait for it
  const context = {
    index,
    analyzer,
    settings,
    evidence: createEvidence(lexicon.sayingVerbs),
    transliterate,
  };
  const articles = () => index.articles();
  const source = { corpusDir, publishers, limits, logger };
  const feedback = await openFeedbackStore(options);
  const timeline = createTimeline(articles, source);

  const ask = async (question: string, askOptions: AskOptions = {}): Promise<Answer> => {
    const {
      filter,
      filterProblem,
      accept,
      question: rest,
    } = await scope(articles, question, askOptions.filter);
    if (filterProblem) return { question: rest, quotes: [], hasMore: false, truncated: false, filterProblem };
    const result = await answerQuestion(context, rest, askOptions, accept);
    return filter ? { ...result, filter } : result;
  };

  /** Each publisher's best quote (articles naming none are one more side), under the user's filter. */
  const compare = async (question: string, compareOptions: CompareOptions = {}): Promise<Comparison> => {
    const {
      filter,
      filterProblem,
      accept,
      question: rest,
    } = await scope(articles, question, compareOptions.filter);
    const base = { question: rest, truncated: false, ...(filter ? { filter } : {}) };
    if (filterProblem) return { ...base, sides: [], filterProblem };
    const covered = (await articles()).filter((a) => accept?.(a.file) ?? true);
    const publisherOf = new Map(covered.map((a) => [a.file, a.publisher]));
    const best = async (publisher: string | null) => {
      const own = (file: string) => publisherOf.has(file) && publisherOf.get(file) === publisher;
      const answer = await answerQuestion(context, rest, { limit: 1 }, own);
      return { quote: answer.quotes[0], truncated: answer.truncated };
    };
    const names = [...new Set(covered.map((a) => a.publisher))];
    const results = await Promise.all(names.map(best));
    const quotes = new Map(names.map((name, i) => [name, results[i]?.quote]));
    const truncated = results.some((r) => r.truncated);
    return { ...base, truncated, sides: compareOutlets(names, (name) => quotes.get(name)) };
  };

  let voting: Promise<unknown> = Promise.resolve();
  const vote = ({ refs, ...request }: VoteRequest): Promise<VoteOutcome> => {
    // The refs are resolved to the quotes' places, then the row is stored; the door tells the user the outcome.
    const outcome = (async () => {
      const known = await articles();
      const quotes = refs.flatMap((ref): QuoteLocation[] => {
        const at = locate(known, ref);
        return at ? [at] : [];
      });
      return feedback.record({ ...request, quotes });
    })().catch((error: unknown): VoteOutcome => {
      logger.warn({ error: String(error) }, "could not record feedback");
      return "failed";
    });
    voting = Promise.all([voting, outcome]);
    return outcome;
  };

  return {
    ask,
    compare,
    timeline: (question = "", timelineOptions = {}) => timeline(question, timelineOptions),
    context: async (ref) => readContext(await articles(), source, ref),
    vote,
    articles: async () => (await articles()).sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "")),
    publishers: async () => publishersOf(await articles()),
    stats: () => index.stats(),
    async close() {
      await voting;
      await feedback.close();
      await index.close();
    },
  };
}

/** Where votes go: beside the PostgreSQL index when there is one (every replica's in one table), else a file. */
async function openFeedbackStore(options: QaOptions): Promise<FeedbackStore> {
  const { logger } = options;
  const salt = options.feedback?.salt;
  if (options.postgres) {
    // Loaded only when asked for, as the PostgreSQL index is: the default set-up never loads pg.
    const { createPostgresFeedbackStore } = await import("./feedback/postgres-store.ts");
    const { url, schema = DEFAULT_SCHEMA } = options.postgres;
    return createPostgresFeedbackStore({ url, schema, salt, logger });
  }
  const file = options.feedback?.file ?? path.join(options.cacheDir, "feedback.jsonl");
  return createFeedbackStore({ file, salt, logger });
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
