import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { PublisherTable } from "../corpus/parse-article.ts";
import { listArticleFiles, readArticle } from "../corpus/read-corpus.ts";
import type { Logger } from "../logger.ts";
import type { SearchSettings } from "../settings.ts";
import type { Analyzer } from "../text/analyze.ts";
import type { Article } from "../types.ts";
import { PassageIndex } from "./passage-index.ts";
import type { FileVersion } from "./port.ts";
import { readSnapshotFile, writeSnapshotFile } from "./snapshot-file.ts";

/** What a saved index depends on besides the articles: when any of it changes, the index is rebuilt. */
export interface IndexKey {
  /** The core's source code, the config files and the settings, hashed. */
  key: string;
  analyzer: Analyzer;
  settings: SearchSettings;
  publishers: PublisherTable;
}

/** What one pass over the corpus directory changed. */
export interface SyncReport {
  added: string[];
  updated: string[];
  removed: string[];
  /** Files whose stamp changed but whose content did not: nothing to re-index, but the saved index is stale. */
  restamped: string[];
  skipped: Array<{ file: string; reason: string }>;
}

/** Hashes files' contents, for cache keys; a missing file hashes unlike an empty one. */
export async function hashFiles(files: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    const content = await readFile(file).catch(() => undefined);
    hash
      .update(file)
      .update(content === undefined ? "\0missing" : "\0present\0")
      .update(content ?? "");
  }
  return hash.digest("hex");
}

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

/** Every `.ts` file under a directory, recursively: the code whose change invalidates saved indexes. */
export async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The file an index of `corpusDir` is saved in: one per corpus directory, so that they do not clobber each other. */
export function cacheFileFor(cacheDir: string, corpusDir: string): string {
  const id = createHash("sha256").update(path.resolve(corpusDir)).digest("hex").slice(0, 12);
  return path.join(cacheDir, `index-${id}.jsonl`);
}

/**
 * Loads the saved index of a corpus if it was built with the same key, otherwise builds it; then brings it up
 * to date with the directory (articles added, changed or removed since) and saves it if anything changed.
 * A corrupt or unreadable saved index is rebuilt with a warning.
 */
export async function openIndex(corpusDir: string, cacheFile: string, key: IndexKey, logger: Logger) {
  let index = await loadSaved(cacheFile, key, logger);
  const fresh = index === undefined;
  index ??= PassageIndex.create(key.analyzer, key.settings);
  const report = await syncIndex(index, corpusDir, key.publishers, logger);
  const changes =
    report.added.length + report.updated.length + report.removed.length + report.restamped.length;
  if (fresh || changes > 0) {
    await saveIndex(index, cacheFile, key.key, logger);
  }
  return { index, report };
}

async function loadSaved(
  cacheFile: string,
  key: IndexKey,
  logger: Logger,
): Promise<PassageIndex | undefined> {
  if (!existsSync(cacheFile)) return undefined; // no saved index yet
  try {
    const snapshot = await readSnapshotFile(cacheFile, key.key);
    if (snapshot === undefined) {
      logger.info({ cacheFile }, "saved index is out of date (code, config or settings changed); rebuilding");
      return undefined;
    }
    return PassageIndex.fromJSON(snapshot, key.analyzer, key.settings);
  } catch (error) {
    logger.warn({ cacheFile, error: String(error) }, "saved index is corrupt; rebuilding it");
    return undefined;
  }
}

/** Saves atomically (write, then rename), so that a crash mid-write never leaves a half file behind. */
export async function saveIndex(
  index: PassageIndex,
  cacheFile: string,
  key: string,
  logger: Logger,
): Promise<void> {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeSnapshotFile(temporary, key, index.toJSON());
    await rename(temporary, cacheFile);
    // Versions before JSON lines saved to index-….json; nothing reads that file any more.
    await rm(cacheFile.replace(/\.jsonl$/, ".json"), { force: true });
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    logger.warn(
      { cacheFile, error: String(error) },
      "could not save the index; it will be rebuilt next start",
    );
  }
}

/** What `syncIndex` keeps in step with a directory: either engine's index (the PostgreSQL one answers later). */
export interface SyncTarget {
  files(): ReadonlyMap<string, FileVersion> | Promise<ReadonlyMap<string, FileVersion>>;
  add(article: Article, version: FileVersion): void | Promise<void>;
  restamp(file: string, stamp: string): void | Promise<void>;
  remove(file: string): void | Promise<void>;
}

/** Brings an index up to date with the article files of a directory. */
export async function syncIndex(
  index: SyncTarget,
  corpusDir: string,
  publishers: PublisherTable,
  logger: Logger,
): Promise<SyncReport> {
  const report: SyncReport = { added: [], updated: [], removed: [], restamped: [], skipped: [] };
  const known = await index.files();
  const files = await listArticleFiles(corpusDir);
  for (const file of files) {
    const paths = [path.join(corpusDir, file), path.join(corpusDir, `${file}.meta.json`)];
    const stamp = await stampFiles(paths);
    const indexed = known.get(file);
    // Reading and hashing every file took ~3 s of start-up at 8,600 files; a stat is enough when nothing moved.
    if (stamp !== "" && indexed?.stamp === stamp) continue;
    const hash = await hashFiles(paths);
    if (indexed?.hash === hash) {
      if (stamp !== indexed.stamp) {
        await index.restamp(file, stamp);
        report.restamped.push(file);
      }
      continue;
    }
    try {
      await index.add(await readArticle(corpusDir, file, publishers), { hash, stamp });
      (known.has(file) ? report.updated : report.added).push(file);
    } catch (error) {
      await index.remove(file);
      const reason = error instanceof Error ? error.message : String(error);
      report.skipped.push({ file, reason });
      logger.warn({ file, reason }, "skipped an article file that cannot be read");
    }
  }
  const present = new Set(files);
  for (const file of known.keys()) {
    if (!present.has(file)) {
      await index.remove(file);
      report.removed.push(file);
    }
  }
  return report;
}
