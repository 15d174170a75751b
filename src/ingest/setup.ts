import { z } from "zod";
import type { Config } from "../config.ts";
import type { PublisherTable } from "../core/corpus/parse-article.ts";
import { DEFAULT_MAX_ARTICLE_BYTES, type ReadLimits } from "../core/corpus/read-corpus.ts";
import { createCorpusArticles } from "../core/features/corpus-articles.ts";
import { createVerifier } from "../core/features/verify.ts";
import type { Logger } from "../core/logger.ts";
import { loadSearchSettings, readConfigJson } from "../core/settings.ts";
import { createIngest, type Ingest } from "./ingest.ts";
import { removedArticlesDir } from "./ledger.ts";
import { createFetcher, type Fetcher } from "./safe-fetch.ts";

const PublishersSchema = z.object({ hosts: z.record(z.string(), z.string()) });

/** Hostname → publisher name, from `config/publishers.json`. */
export function loadPublishers(configDir: string): PublisherTable {
  return new Map(Object.entries(readConfigJson(configDir, "publishers.json", PublishersSchema).hosts));
}

/** The limits articles are read under: the configured size limit and secrets, as the index uses them. */
export function readLimits(config: Pick<Config, "maxArticleBytes" | "secrets">): ReadLimits {
  return { maxArticleBytes: config.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES, secrets: config.secrets };
}

/**
 * The ingest and its fetcher for a configuration (a CLI run or the bot); with `cacheDir`, the articles the console
 * removed (its `removed-articles` folder) are not added again by a feed.
 */
export function openIngest(
  config: Pick<Config, "corpusDir" | "configDir" | "maxArticleBytes" | "secrets" | "news"> &
    Partial<Pick<Config, "cacheDir">>,
  logger: Logger,
  onAdded?: Parameters<typeof createIngest>[0]["onAdded"],
): { ingest: Ingest; fetcher: Fetcher } {
  const fetcher = createFetcher({
    allowPrivate: config.news.allowPrivate,
    hostIntervalMs: config.news.hostIntervalMs,
  });
  const settings = loadSearchSettings(config.configDir);
  const ingest = createIngest({
    corpusDir: config.corpusDir,
    publishers: loadPublishers(config.configDir),
    fetcher,
    logger,
    limits: readLimits(config),
    ...(config.cacheDir ? { removedDir: removedArticlesDir(config.cacheDir) } : {}),
    passages: { maxLength: settings.passageMaxLength, overlap: settings.overlap },
    ...(onAdded ? { onAdded } : {}),
  });
  return { ingest, fetcher };
}

/** `verify(text)` over the corpus directory of a configuration. */
export function openVerifier(
  config: Pick<Config, "corpusDir" | "configDir" | "maxArticleBytes" | "secrets">,
  logger: Logger,
) {
  const articles = createCorpusArticles({
    corpusDir: config.corpusDir,
    publishers: loadPublishers(config.configDir),
    limits: readLimits(config),
    logger,
  });
  return createVerifier(articles);
}
