/**
 * Vitest's global setup: derives the CC-CEDICT lexicon once per `npm test`, for `cacheDirectory()` to copy into
 * each test's cache directory. Without it every test file (and every `npm start` a test spawns) derived it again
 * into its fresh cache: about 2 s of CPU each, a good part of the suite's time on a 2-core machine. A copy is the
 * file createQa would write; it still carries its fingerprint, so a stale one is derived again as in production.
 * It is kept between runs in .cache/test/, so that running one test file does not pay for it either.
 */
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config.ts";
import {
  CEDICT_CACHE_FILE,
  cedictSource,
  readOrDeriveCedict,
  shippedCedictFile,
} from "../../src/core/language/cedict-cache.ts";
import { createLogger } from "../../src/logger.ts";

/** The environment variable naming the derived lexicon file, read by `cacheDirectory()`. */
export const TEST_LEXICON_ENV = "CITEBOT_TEST_LEXICON";

/** Where the derived lexicon is kept between runs (never the bot's own CACHE_DIR). */
const TEST_CACHE_DIR = path.join(PROJECT_ROOT, ".cache", "test");

export default function setup(): void {
  const file = path.join(TEST_CACHE_DIR, CEDICT_CACHE_FILE);
  const logger = createLogger({ level: "warn", secrets: [], stream: { write: () => undefined } });
  readOrDeriveCedict(file, cedictSource(shippedCedictFile()), logger);
  process.env[TEST_LEXICON_ENV] = file;
}
