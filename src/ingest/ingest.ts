import { lstat } from "node:fs/promises";
import path from "node:path";
import { readHtmlPage } from "../core/corpus/html-page.ts";
import type { PublisherTable } from "../core/corpus/parse-article.ts";
import { type ReadLimits, readArticle } from "../core/corpus/read-corpus.ts";
import { toPassages } from "../core/corpus/sentences.ts";
import type { Logger } from "../core/logger.ts";
import { type Refusal, refusalPhrase } from "../core/news-phrases.ts";
import type { Article, ArticleInfo } from "../core/types.ts";
import { writeArticleFile } from "./article-file.ts";
import { comparableUrl, type Ledger, loadLedger } from "./ledger.ts";
import { createRobotsRules } from "./robots.ts";
import { type Fetcher, FetchRefusal } from "./safe-fetch.ts";

/** What adding a link came to: the article added, or why not. */
export type AddOutcome =
  | { added: true; article: Article; passages: number }
  | {
      added: false;
      /** Why not, for the reply (`refusalPhrase` says it in the user's language). */
      refusal: Refusal;
      /** The same in English, for the log and the CLI. */
      reason: string;
      /** Set when the article is in already: which one. */
      already?: ArticleInfo;
    };

/** A link not added, for this reason. */
const refused = (refusal: Refusal) => ({ added: false, refusal, reason: refusalPhrase(refusal).en }) as const;

/** What `createIngest` needs. */
export interface IngestOptions {
  corpusDir: string;
  publishers: PublisherTable;
  fetcher: Fetcher;
  logger: Logger;
  /** How the index cuts paragraphs into passages (`search.json`), to say how many an article made. */
  passages: { maxLength: number; overlap: boolean };
  limits?: ReadLimits;
  /** Where the console moves removed articles (`removedArticlesDir`): a feed does not bring them back. */
  removedDir?: string;
  /** Told of each article added (announcements, follows). */
  onAdded?(article: Article): void;
}

/** Adds articles by link: fetched, extracted, written into the corpus as files the index picks up. */
export interface Ingest {
  /**
   * Adds the article a link leads to; `publisher` names its publisher where the page does not (a feed's name).
   * `fromFeed`: a feed's item, which an article an operator removed is not added again for (a moderator's link is).
   */
  add(url: string, hints?: AddHints): Promise<AddOutcome>;
}

/** What the caller knows of a link beyond it. */
export interface AddHints {
  publisher?: string | undefined;
  fromFeed?: boolean;
}

/**
 * Creates the ingest. One add runs at a time (the ledger's "already in" must see the one before), each checked
 * against robots.txt, fetched by `fetcher` (public addresses only, bounded), read as Reader View reads a page,
 * and written as a Markdown file (see `writeArticleFile`).
 */
export function createIngest(options: IngestOptions): Ingest {
  const { corpusDir, publishers, fetcher, logger } = options;
  const robots = createRobotsRules(fetcher);
  let ledger: Promise<Ledger> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const addNow = async (link: string, hints: AddHints): Promise<AddOutcome> => {
    ledger ??= loadLedger(corpusDir, publishers, options.limits, options.removedDir);
    const known = await ledger;
    const removed = refused({ kind: "removed" });
    const inAlready = async (file: string | undefined): Promise<AddOutcome | undefined> => {
      if (!file) return undefined;
      const article = await readArticle(corpusDir, file, publishers, options.limits).catch(() => undefined);
      // Gone since it was added (the console removed it): a moderator may add it again, a feed may not.
      if (!article && !(await exists(path.join(corpusDir, file))))
        return hints.fromFeed ? removed : undefined;
      return { ...refused({ kind: "already" }), ...(article ? { already: infoOf(article) } : {}) };
    };
    const before = await inAlready(known.fileOfUrl(link));
    if (before) return before;
    if (hints.fromFeed && known.removed(link)) return removed;
    await robots.check(link);
    const fetched = await fetcher.fetchText(link, "page");
    const page = readHtmlPage(fetched.text);
    if (page.problem) return refused(page.problem);
    const url =
      page.url && /^https?:/.test(page.url)
        ? comparableUrl(new URL(page.url, fetched.url).href)
        : comparableUrl(fetched.url);
    const same =
      (await inAlready(known.fileOfUrl(url))) ?? (await inAlready(known.fileOfText(page.paragraphs)));
    if (same) return same;
    if (hints.fromFeed && known.removed(url)) return removed;
    const file = await writeArticleFile(corpusDir, {
      title: page.title ?? page.paragraphs[0]?.slice(0, 30) ?? url,
      publisher: page.publisher ?? hints.publisher ?? null,
      date: /^\d{4}-\d{2}-\d{2}/.exec(page.date ?? "")?.[0] ?? null,
      url,
      author: page.author ?? null,
      paragraphs: page.paragraphs,
    });
    const article = await readArticle(corpusDir, file, publishers, options.limits);
    known.remember(file, url, article.paragraphs);
    known.remember(file, link, page.paragraphs);
    const { maxLength, overlap } = options.passages;
    const passages = article.paragraphs.reduce((n, p) => n + toPassages(p, maxLength, overlap).length, 0);
    logger.info({ file, url, passages }, "article added");
    options.onAdded?.(article);
    return { added: true, article, passages };
  };

  return {
    add(link, hints = {}) {
      const outcome = queue.then(() =>
        addNow(link, hints).catch((error: unknown): AddOutcome => {
          if (error instanceof FetchRefusal) return refused(error.refusal);
          logger.warn({ url: link, error: String(error) }, "could not add an article");
          return refused({ kind: "failed", detail: (error as Error).message });
        }),
      );
      queue = outcome;
      return outcome;
    },
  };
}

/** Whether anything (a file, a dangling link) has this name. */
async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

function infoOf({ paragraphs: _, ...info }: Article): ArticleInfo {
  return info;
}
