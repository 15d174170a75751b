import { stat } from "node:fs/promises";
import path from "node:path";
import type { PublisherTable } from "../corpus/parse-article.ts";
import {
  listArticleFiles,
  parseArticleSource,
  type ReadLimits,
  readArticleSource,
  type SkippedFile,
} from "../corpus/read-corpus.ts";
import type { Logger } from "../logger.ts";
import type { Article } from "../types.ts";
import type { FileVersion } from "./port.ts";

/** What one pass over the corpus directory changed. */
export interface SyncReport {
  added: string[];
  updated: string[];
  removed: string[];
  /** Files whose stamp changed but whose content did not: nothing to re-index, but the saved index is stale. */
  restamped: string[];
  skipped: SkippedFile[];
}

/** What a sync keeps in step with a directory: either engine's index (the PostgreSQL one answers later). */
export interface SyncTarget {
  files(): ReadonlyMap<string, FileVersion> | Promise<ReadonlyMap<string, FileVersion>>;
  add(article: Article, version: FileVersion): void | Promise<void>;
  restamp(file: string, stamp: string): void | Promise<void>;
  remove(file: string): void | Promise<void>;
}

/** What `createCorpusSync` needs. */
export interface CorpusSyncOptions {
  corpusDir: string;
  publishers: PublisherTable;
  limits?: ReadLimits;
  logger: Logger;
}

/** Brings an index up to date with the article files of a directory; see `createCorpusSync`. */
export type CorpusSync = (index: SyncTarget) => Promise<SyncReport>;

/**
 * Sizes and modification times of files (missing files stamp as "-"): a change detector that reads no file.
 * A file modified in the last two seconds stamps as "" (never trusted): an edit within the clock's resolution
 * could keep both its size and its time, the "racy" case git guards against the same way.
 */
export async function stampFiles(files: readonly string[]): Promise<string> {
  const recent = Date.now() - 2000;
  const stamps = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => (s.mtimeMs >= recent ? undefined : `${s.size}@${s.mtimeMs}`),
        () => "-",
      ),
    ),
  );
  return stamps.includes(undefined) ? "" : stamps.join(" ");
}

/**
 * Returns a function that brings an index up to date with a directory: files added, changed or removed since
 * the last pass. It remembers the files it could not read, so a broken file is warned about once (again only
 * when what is wrong with it changes) and not read again until its stamp moves.
 */
export function createCorpusSync(options: CorpusSyncOptions): CorpusSync {
  const { corpusDir, publishers, limits, logger } = options;
  const broken = new Map<string, SkippedFile & { stamp: string }>();

  const skip = (report: SyncReport, file: string, stamp: string, reason: string) => {
    if (broken.get(file)?.reason !== reason) {
      logger.warn({ file, reason }, "skipped an article file that cannot be read");
    }
    broken.set(file, { file, reason, stamp });
    report.skipped.push({ file, reason });
  };

  return async (index) => {
    const report: SyncReport = { added: [], updated: [], removed: [], restamped: [], skipped: [] };
    const known = await index.files();
    const files = await listArticleFiles(corpusDir);
    for (const file of files) {
      const stamp = await stampFiles([path.join(corpusDir, file), path.join(corpusDir, `${file}.meta.json`)]);
      const indexed = known.get(file);
      // Reading and hashing every file took ~3 s of start-up at 8,600 files; a stat is enough when nothing moved.
      if (stamp !== "" && indexed?.stamp === stamp) continue;
      const failed = broken.get(file);
      if (stamp !== "" && failed?.stamp === stamp) {
        report.skipped.push(failed);
        continue;
      }
      try {
        const source = await readArticleSource(corpusDir, file, limits);
        broken.delete(file);
        if (indexed?.hash === source.hash) {
          if (stamp !== indexed.stamp) {
            await index.restamp(file, stamp);
            report.restamped.push(file);
          }
          continue;
        }
        const article = parseArticleSource(source, publishers, limits, {
          warn: (reason) => logger.warn({ file, reason }, "ignored metadata an article file states"),
          secretsLeftOut: (leftOut) =>
            logger.warn({ file, ...leftOut }, "left out text of an article that holds a configured secret"),
        });
        await index.add(article, { hash: source.hash, stamp });
        (known.has(file) ? report.updated : report.added).push(file);
      } catch (error) {
        await index.remove(file);
        if (known.has(file)) report.removed.push(file);
        skip(report, file, stamp, error instanceof Error ? error.message : String(error));
      }
    }
    const present = new Set(files);
    for (const file of known.keys()) {
      if (!present.has(file)) {
        await index.remove(file);
        report.removed.push(file);
      }
    }
    for (const file of broken.keys()) if (!present.has(file)) broken.delete(file);
    return report;
  };
}
