import { cp, readdir, utimes } from "node:fs/promises";
import path from "node:path";
import { createQa, type QaOptions } from "../../src/core/qa.ts";
import { CONFIG_DIR, cacheDirectory, memoryLogger, SEEDS_DIR, temporaryDirectory } from "./seed-qa.ts";

export const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A fresh article no seed has a word of, to tell when a new file is searchable. */
export const PENGUINS = `---
title: 测试文章
source: 测试报
date: 2026-01-01
url: https://example.com/test
---
企鹅研究员宣布，南极洲的帝企鹅数量今年增加了三成。
`;
export const PENGUIN_QUESTION = "帝企鹅数量增加了多少";

/**
 * A copy of the seeds and a cache (holding only the lexicon, see `cacheDirectory`) in temporary directories, removed by `cleanup`. The copies are dated an
 * hour ago, so that their stamps are trusted (see `stampFiles`).
 */
export async function workspace(cleanups: Array<() => Promise<void>>) {
  const corpus = await temporaryDirectory();
  const cache = await cacheDirectory();
  cleanups.push(corpus.remove, cache.remove);
  const corpusDir = path.join(corpus.dir, "seeds");
  await cp(SEEDS_DIR, corpusDir, { recursive: true });
  for (const file of await readdir(corpusDir)) {
    await utimes(path.join(corpusDir, file), AN_HOUR_AGO, AN_HOUR_AGO);
  }
  return { root: corpus.dir, corpusDir, cacheDir: cache.dir };
}

/** The saved index in a cache directory (which also holds the derived CC-CEDICT lexicon and votes). */
export async function savedIndexFile(cacheDir: string): Promise<string> {
  const saved = (await readdir(cacheDir)).filter((f) => f.startsWith("index-") && f.endsWith(".jsonl"));
  return path.join(cacheDir, saved[0] ?? "none");
}

/** A real Qa over a workspace, with its log kept in memory; closed by `cleanup`. */
export async function openQa(
  cleanups: Array<() => Promise<void>>,
  dirs: { corpusDir: string; cacheDir: string },
  options: Partial<QaOptions> = {},
) {
  const memory = memoryLogger();
  const qa = await createQa({ ...dirs, configDir: CONFIG_DIR, logger: memory.logger, ...options });
  cleanups.push(() => qa.close());
  const logged = (msg: string) => memory.lines().filter((line) => line.msg === msg);
  return { qa, memory, logged, ready: logged("index ready")[0] };
}
