import path from "node:path";
import type { Config, NewsConfig } from "../../src/config.ts";
import { CONFIG_DIR } from "./seed-qa.ts";

/**
 * What `startNews` and `openIngest` read, for a corpus at `corpusDir` and the project's config: fetching from
 * the local news server (private addresses allowed, no pause between requests), no moderators and no feeds
 * unless `news` says.
 */
export function newsConfig(
  corpusDir: string,
  news: Partial<NewsConfig> = {},
): Pick<Config, "corpusDir" | "configDir" | "maxArticleBytes" | "secrets" | "news"> {
  return {
    corpusDir,
    configDir: CONFIG_DIR,
    maxArticleBytes: undefined,
    secrets: [],
    news: {
      allowPrivate: true,
      hostIntervalMs: 0,
      moderators: [],
      moderatorRole: undefined,
      feeds: [],
      ...news,
    },
  };
}

/** `newsConfig` for a `corpus` folder inside the temporary directory `dir`. */
export const newsConfigIn = (dir: string, news: Partial<NewsConfig> = {}) =>
  newsConfig(path.join(dir, "corpus"), news);
