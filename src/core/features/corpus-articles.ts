import { stat } from "node:fs/promises";
import path from "node:path";
import type { PublisherTable } from "../corpus/parse-article.ts";
import { listArticleFiles, type ReadLimits, readArticle } from "../corpus/read-corpus.ts";
import type { Logger } from "../logger.ts";
import type { Article } from "../types.ts";

/** Where the articles are read from, and under which limits (those the index reads them under). */
export interface CorpusSource {
  corpusDir: string;
  publishers: PublisherTable;
  limits?: ReadLimits;
  logger: Logger;
}

/**
 * The corpus's articles, read again only where a file changed (by size and time) since the last call. Returns the
 * same array while nothing changed, so that what is built from it (`createVerifier`'s index) can be kept.
 * Calls that come while a read runs share it.
 */
export function createCorpusArticles(source: CorpusSource): () => Promise<readonly Article[]> {
  const cache = new Map<string, { stamp: string; article: Article | undefined }>();
  let current: Article[] = [];
  let reading: Promise<readonly Article[]> | undefined;
  const read = async () => {
    const files = await listArticleFiles(source.corpusDir);
    let changed = files.length !== cache.size;
    const present = new Set(files);
    for (const file of cache.keys()) if (!present.has(file)) cache.delete(file);
    for (const file of files) {
      const stamp = await stampOf(path.join(source.corpusDir, file));
      if (cache.get(file)?.stamp === stamp) continue;
      changed = true;
      const article = await readArticle(source.corpusDir, file, source.publishers, source.limits).catch(
        (error: unknown) => {
          source.logger.debug({ file, error: String(error) }, "skipped an article for quote checks");
          return undefined;
        },
      );
      cache.set(file, { stamp, article });
    }
    if (changed) current = [...cache.values()].flatMap((c) => (c.article ? [c.article] : []));
    return current;
  };
  return () => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };
}

async function stampOf(file: string): Promise<string> {
  const [own, override] = await Promise.all([
    stat(file).catch(() => undefined),
    stat(`${file}.meta.json`).catch(() => undefined),
  ]);
  return [own, override].map((s) => (s ? `${s.size}:${s.mtimeMs}` : "-")).join("/");
}
