import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { PublisherTable } from "../corpus/parse-article.ts";
import type { ReadLimits } from "../corpus/read-corpus.ts";
import { CEDICT_CACHE_FILE } from "../language/cedict-cache.ts";
import type { Logger } from "../logger.ts";
import type { Analyzer } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import { PassageIndex } from "./passage-index.ts";
import { readSnapshotCorpus, readSnapshotFile, writeSnapshotFile } from "./snapshot-file.ts";

/** What a saved index depends on besides the articles: when any of it changes, the index is rebuilt. */
export interface IndexKey {
  /** The core's source code, the config files and the settings, hashed. */
  key: string;
  analyzer: Analyzer;
  settings: SearchSettings;
  publishers: PublisherTable;
  /** How much of an article file reading takes in (its size limit is part of `key`). */
  limits: ReadLimits;
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
 * A temporary file of ours (`NAME.PID.tmp`, see `saveIndex` and the CC-CEDICT cache) untouched for this long was
 * left by a process killed while saving: writing one never pauses for minutes, so an older one is not in use.
 */
const STALE_TEMPORARY_MS = 10 * 60_000;

/** The temporary files this code writes into a cache directory, and only those (vectors: semantic/vector-file.ts). */
const OUR_TEMPORARY = new RegExp(
  `^(?:index-[0-9a-f]{12}\\.jsonl|vectors-[0-9a-f]{12}-[0-9a-f]{12}\\.bin|${CEDICT_CACHE_FILE.replaceAll(".", "\\.")})\\.\\d+\\.tmp$`,
);

/**
 * Removes the temporary files a kill while saving left in `cacheDir` (see `STALE_TEMPORARY_MS`): only names
 * this code writes, only when old, never this process's own. Logs what it removed; a failure is only logged.
 */
export async function removeStaleTemporaries(cacheDir: string, logger: Logger): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const own = `.${process.pid}.tmp`;
  for (const name of names.filter((n) => OUR_TEMPORARY.test(n) && !n.endsWith(own))) {
    const file = path.join(cacheDir, name);
    try {
      const { mtimeMs } = await stat(file);
      if (Date.now() - mtimeMs < STALE_TEMPORARY_MS) continue;
      await rm(file, { force: true });
      logger.info({ file }, "removed a temporary file a kill while saving left behind");
    } catch (error) {
      logger.warn({ file, error: String(error) }, "could not remove a stale temporary file");
    }
  }
}

/**
 * The saved index of a corpus if it was built with the same key, else undefined (nothing saved, or out of date).
 * Stale temporary files beside it are removed first (see `removeStaleTemporaries`).
 * A saved index that is corrupt, truncated or of the wrong shape is dismissed with one warning, to be rebuilt.
 */
export async function loadSavedIndex(
  cacheFile: string,
  key: IndexKey,
  logger: Logger,
): Promise<PassageIndex | undefined> {
  await removeStaleTemporaries(path.dirname(cacheFile), logger);
  if (!existsSync(cacheFile)) return undefined; // no saved index yet
  try {
    const snapshot = await readSnapshotFile(cacheFile, key.key);
    if (snapshot === undefined) {
      logger.info({ cacheFile }, "saved index is out of date (code, config or settings changed); rebuilding");
      return undefined;
    }
    return PassageIndex.fromJSON(snapshot, key.analyzer, key.settings);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ cacheFile, reason }, "saved index is corrupt; rebuilding it");
    return undefined;
  }
}

/**
 * Saves atomically (write, then rename), so that a crash mid-write never leaves a half file behind. What removed
 * articles left in the terms is dropped first, so the file shrinks back when they go. The file records
 * `corpusDir`; once saved, the saved indexes no corpus uses any more are removed (see `removeUnusedIndexes`).
 */
export async function saveIndex(
  index: PassageIndex,
  cacheFile: string,
  key: string,
  logger: Logger,
  corpusDir: string,
): Promise<void> {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await index.compact();
    await writeSnapshotFile(temporary, key, index.toJSON(), path.resolve(corpusDir));
    await rename(temporary, cacheFile);
    // Versions before JSON lines saved to index-….json; nothing reads that file any more.
    await rm(cacheFile.replace(/\.jsonl$/, ".json"), { force: true });
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    logger.warn(
      { cacheFile, error: String(error) },
      "could not save the index; it will be rebuilt next start",
    );
    return;
  }
  await removeUnusedIndexes(cacheFile, corpusDir, logger);
}

/** A saved index this code writes (`cacheFileFor`), or one of the JSON files written before JSON lines. */
const SAVED_INDEX = /^index-[0-9a-f]{12}\.jsonl?$/;

/**
 * A saved index that does not say which corpus it is of (written before the header recorded it) and was not
 * written for this long is taken as unused: a corpus in use is re-saved whenever its articles or the code change.
 */
export const UNNAMED_INDEX_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/**
 * Removes the saved indexes beside `cacheFile` that no corpus uses: one recording this corpus directory under
 * another name (this corpus's index is `cacheFile`), one recording a directory that no longer exists, and one
 * recording none, untouched for `UNNAMED_INDEX_MAX_AGE_MS`. The indexes of other corpora sharing the cache
 * directory are kept. Logs what it removed; a failure is only logged.
 */
export async function removeUnusedIndexes(
  cacheFile: string,
  corpusDir: string,
  logger: Logger,
): Promise<void> {
  const cacheDir = path.dirname(cacheFile);
  const ours = path.resolve(corpusDir);
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => SAVED_INDEX.test(n))) {
    const file = path.join(cacheDir, name);
    if (name === path.basename(cacheFile)) continue;
    try {
      const corpus = name.endsWith(".jsonl") ? await readSnapshotCorpus(file) : undefined;
      const unused =
        corpus === undefined
          ? Date.now() - (await stat(file)).mtimeMs > UNNAMED_INDEX_MAX_AGE_MS
          : corpus === ours || !existsSync(corpus);
      if (!unused) continue;
      await rm(file, { force: true });
      logger.info({ file, corpus }, "removed a saved index no corpus uses any more");
    } catch (error) {
      logger.warn({ file, error: String(error) }, "could not remove an unused saved index");
    }
  }
}
