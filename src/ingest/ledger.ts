import { createHash } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { PublisherTable } from "../core/corpus/parse-article.ts";
import { type ReadLimits, readCorpus } from "../core/corpus/read-corpus.ts";
import { normalize } from "../core/language/normalize.ts";

/** What is in the corpus already, by link and by text: what makes an article "already in". */
export interface Ledger {
  /** The file already holding this link's article, if any. */
  fileOfUrl(url: string): string | undefined;
  /** The file already holding this text (the same paragraphs, whatever their script or spacing), if any. */
  fileOfText(paragraphs: readonly string[]): string | undefined;
  remember(file: string, url: string | null, paragraphs: readonly string[]): void;
  /** Whether an operator removed this link's article from the corpus (it is in the removed articles' folder). */
  removed(url: string): boolean;
}

/** Where the console moves the articles it removes (`CACHE_DIR/removed-articles`), and the ledger reads them. */
export function removedArticlesDir(cacheDir: string): string {
  return path.join(cacheDir, "removed-articles");
}

/**
 * A link as compared: no fragment, no `utm_…` tracking parameters, no trailing slash, host in lower case. Two
 * links to one article (the feed's and the page's canonical one) usually meet in this form.
 */
export function comparableUrl(link: string): string {
  try {
    const url = new URL(link);
    url.hash = "";
    for (const key of [...url.searchParams.keys()])
      if (/^utm_|^fbclid$|^gclid$/.test(key)) url.searchParams.delete(key);
    return url.href.replace(/\/$/, "");
  } catch {
    return link;
  }
}

/** A hash of an article's text in normal form: the same article saved twice hashes the same. */
export function textHash(paragraphs: readonly string[]): string {
  return createHash("sha256")
    .update(normalize(paragraphs.join("\n")).replace(/[\s\p{P}]/gu, ""))
    .digest("hex");
}

/**
 * Reads what the corpus directory holds now (every article's link and text hash) and removes the temporary files
 * an interrupted write left (hidden `.adding-…` files). The directory is the record: after a restart the ledger
 * is what was written, so nothing is added twice and nothing half-written counts. The links of the articles in
 * `removedDir` (moved there by the console) are read too, so that a feed still listing one does not bring it back.
 */
export async function loadLedger(
  corpusDir: string,
  publishers: PublisherTable,
  limits?: ReadLimits,
  removedDir?: string,
): Promise<Ledger> {
  await removeLeftovers(corpusDir);
  const urls = new Map<string, string>();
  const texts = new Map<string, string>();
  const removedUrls = new Set<string>();
  const ledger: Ledger = {
    fileOfUrl: (url) => urls.get(comparableUrl(url)),
    fileOfText: (paragraphs) => texts.get(textHash(paragraphs)),
    remember(file, url, paragraphs) {
      if (url) urls.set(comparableUrl(url), file);
      texts.set(textHash(paragraphs), file);
    },
    removed: (url) => removedUrls.has(comparableUrl(url)),
  };
  const none = { articles: [] };
  const corpus = await readCorpus(corpusDir, publishers, limits).catch(() => none);
  for (const article of corpus.articles) ledger.remember(article.file, article.url, article.paragraphs);
  const removed = removedDir ? await readCorpus(removedDir, publishers, limits).catch(() => none) : none;
  for (const article of removed.articles) if (article.url) removedUrls.add(comparableUrl(article.url));
  return ledger;
}

async function removeLeftovers(corpusDir: string): Promise<void> {
  const entries = await readdir(corpusDir, { withFileTypes: true }).catch(() => []);
  for (const folder of entries.filter((e) => e.isDirectory() && !e.name.startsWith("."))) {
    const dir = path.join(corpusDir, folder.name);
    for (const name of await readdir(dir).catch(() => [] as string[]))
      if (name.startsWith(ADDING_PREFIX)) await rm(path.join(dir, name), { force: true });
  }
}

/** The prefix of an article file being written (hidden, so the index never reads it half-written). */
export const ADDING_PREFIX = ".adding-";
