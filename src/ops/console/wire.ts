import type { Config } from "../../config.ts";
import { DEFAULT_MAX_ARTICLE_BYTES } from "../../core/corpus/read-corpus.ts";
import type { Logger } from "../../core/logger.ts";
import type { LoadedQa } from "../../core/qa.ts";
import type { Qa } from "../../core/types.ts";
import type { FeedList } from "../../ingest/feed-list.ts";
import { removedArticlesDir } from "../../ingest/ledger.ts";
import { openConsoleStore, userSalt } from "../../store/open-store.ts";
import { PIN_SIMILARITY } from "../../store/question-key.ts";
import type { ConsoleStore } from "../../store/types.ts";
import { createPinBook, type PinBook } from "./pin-book.ts";
import { createRecentErrors, type RecentErrors } from "./recent-errors.ts";
import { rememberingQa } from "./remembering-qa.ts";
import { type ConsoleServer, createConsoleServer } from "./server.ts";

/** How often questions past `QUESTION_LOG_DAYS` are deleted. */
const PRUNE_EVERY_MS = 6 * 3_600_000;

/** The console's part of a running bot: its store, the wrapper for each platform, and its server if served. */
export interface Remembering {
  readonly store: ConsoleStore;
  readonly errors: RecentErrors;
  /** The console's port once listening; undefined when this process serves no console. */
  readonly port: number | undefined;
  /** `qa` as `platform` uses it: pins applied, questions logged, votes stored (see `rememberingQa`). */
  wrap(qa: Qa, platform: string): Qa;
  /** The index is loaded: pins can be matched, the console's pages that need the index work. */
  ready(qa: LoadedQa): void;
  /** The news service runs: the console lists, adds and removes its feeds. */
  feedsReady(feeds: FeedList): void;
  stop(): Promise<void>;
  /** The console's routes (none when it is not served), for the test that each one needs a session. */
  routes(): string[];
}

/**
 * Opens the console's store and, when `serve` and `CONSOLE_PORT` say so, starts the console (before the index
 * loads, so that it can say "loading"). A store that cannot be opened (a read-only cache directory) costs a
 * warning and leaves the bot answering unremembered: undefined.
 */
export async function startRemembering(
  config: Config,
  logger: Logger,
  serve: boolean,
): Promise<Remembering | undefined> {
  let store: ConsoleStore;
  try {
    store = await openConsoleStore({
      cacheDir: config.cacheDir,
      postgres: config.index && { url: config.index.url, schema: config.index.schema },
      feedbackFile: config.feedback.file,
      logger,
    });
  } catch (error) {
    if (config.console && serve) throw error; // the console was asked for: it cannot run without its store
    logger.warn({ error: String(error) }, "the question log and pins are off: their store did not open");
    return undefined;
  }
  const salt = await userSalt(config.feedback.file, config.feedback.salt);
  const errors = createRecentErrors();
  const { days, enabled } = config.questionLog;
  const prune = () =>
    store
      .prune(new Date(Date.now() - days * 86_400_000).toISOString())
      .catch((error: unknown) => logger.warn({ error: String(error) }, "could not delete old questions"));
  void prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS).unref();
  let pins: PinBook | undefined;
  let server: ConsoleServer | undefined;
  let port: number | undefined;
  if (config.console && serve) {
    server = createConsoleServer({
      ...config.console,
      store,
      corpusDir: config.corpusDir,
      removedDir: removedArticlesDir(config.cacheDir),
      maxArticleBytes: config.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES,
      retentionDays: days,
      logQuestions: enabled,
      errors,
      logger,
    });
    port = await server.start();
  }
  /** Until the index is loaded no question is asked, so no pin is wanted. */
  const pinsOrNone: PinBook = {
    threshold: PIN_SIMILARITY,
    match: async (question) => pins?.match(question),
    refresh: async () => pins?.refresh(),
  };
  return {
    store,
    errors,
    port,
    wrap: (qa, platform) =>
      rememberingQa(qa, { store, platform, logQuestions: enabled, pins: pinsOrNone, salt }),
    ready(qa) {
      pins = createPinBook({ store, qa, threshold: PIN_SIMILARITY, logger });
      server?.ready(qa, pins);
    },
    feedsReady: (feeds) => server?.feedsReady(feeds),
    routes: () => server?.routes() ?? [],
    async stop() {
      clearInterval(pruning);
      await server?.stop();
      await store.close();
    },
  };
}
