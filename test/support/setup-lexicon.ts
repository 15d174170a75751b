/**
 * Run before each test file (vitest `setupFiles`): reads the CC-CEDICT lexicon the global setup derived, so that
 * every `shippedCedict()` in this file (a `loadLexicon` with no cache, a createQa) takes it rather than deriving
 * it again (about 2 s of CPU a file). Not for the file that tests the derivation itself.
 */
import path from "node:path";
import { expect } from "vitest";
import { shippedCedict } from "../../src/core/language/cedict-cache.ts";
import { createLogger } from "../../src/logger.ts";
import { TEST_LEXICON_ENV } from "./global-setup.ts";

/** Test files that check how the lexicon is derived and cached: they must start with none in memory. */
const DERIVES_ITS_OWN = ["cedict-cache.test.ts"];

const lexicon = process.env[TEST_LEXICON_ENV];
const testPath = expect.getState().testPath ?? "";
if (lexicon && !DERIVES_ITS_OWN.includes(path.basename(testPath))) {
  const logger = createLogger({ level: "warn", secrets: [], stream: { write: () => undefined } });
  shippedCedict({ dir: path.dirname(lexicon), logger });
}
