import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config.ts";
import type { Logger } from "../../src/core/logger.ts";
import { createQa, type LoadedQa } from "../../src/core/qa.ts";
import { createLogger } from "../../src/logger.ts";
import { TEST_INDEX_URL, temporarySchema } from "./postgres.ts";

/** The real seed articles, the real config. */
export const SEEDS_DIR = path.join(PROJECT_ROOT, "seeds");
export const CONFIG_DIR = path.join(PROJECT_ROOT, "config");

/** A logger that keeps its lines in memory, for asserting what was logged. */
export function memoryLogger(secrets: readonly string[] = []): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
} {
  const written: string[] = [];
  const logger = createLogger({
    level: "debug",
    secrets,
    stream: { write: (line) => void written.push(line) },
  });
  return { logger, lines: () => written.map((line) => JSON.parse(line)), text: () => written.join("") };
}

/** A temporary directory, removed by the returned function. */
export async function temporaryDirectory(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-test-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A temporary cache directory (CACHE_DIR) holding the CC-CEDICT lexicon the global setup derived, so that
 * createQa reads it instead of deriving it again (see test/support/global-setup.ts); `fresh` leaves it empty,
 * for tests of the derivation itself.
 */
export async function cacheDirectory(fresh = false): Promise<{ dir: string; remove: () => Promise<void> }> {
  const cache = await temporaryDirectory();
  const lexicon = process.env.CITEBOT_TEST_LEXICON;
  if (!fresh && lexicon) await copyFile(lexicon, path.join(cache.dir, path.basename(lexicon)));
  return cache;
}

/** The index engines a test suite can run over. */
export type Engine = "minisearch" | "postgres";

/**
 * A real Qa over the seed articles, with its index cached in a temporary directory, or with `engine: "postgres"`
 * kept in a schema of the test PostgreSQL that only it uses (dropped by `close`).
 */
export async function seedQa(
  options: { corpusDir?: string; watch?: boolean; engine?: Engine; freshCache?: boolean } = {},
) {
  const cache = await cacheDirectory(options.freshCache);
  const memory = memoryLogger();
  const schema = options.engine === "postgres" ? temporarySchema() : undefined;
  const qa: LoadedQa = await createQa({
    corpusDir: options.corpusDir ?? SEEDS_DIR,
    cacheDir: cache.dir,
    configDir: CONFIG_DIR,
    logger: memory.logger,
    watch: options.watch,
    postgres: schema && { url: TEST_INDEX_URL, schema: schema.schema, sync: "wait" },
  });
  return {
    qa,
    cacheDir: cache.dir,
    logLines: memory.lines,
    async close() {
      await qa.close();
      await cache.remove();
      await schema?.drop();
    },
  };
}
