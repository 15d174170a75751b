import { defineConfig } from "vitest/config";

/** The test files that need a fresh module state: they check what a process does the first time. */
const ISOLATED = ["test/core/language/cedict-cache.test.ts"];

const shared = {
  // Building an index and loading jieba's dictionaries take a few hundred milliseconds per test file.
  testTimeout: 30_000,
  hookTimeout: 30_000,
  // The CC-CEDICT lexicon, derived once for the whole run and read by each test file and each test's cache
  // directory (see test/support/global-setup.ts and setup-lexicon.ts).
  globalSetup: ["test/support/global-setup.ts"],
  setupFiles: ["test/support/setup-lexicon.ts"],
};

export default defineConfig({
  test: {
    projects: [
      {
        // Files share their worker's modules (isolate: false): jieba's dictionaries, the lexicon and the
        // transformed sources are loaded once per worker, not once per file, which was most of npm test's time
        // on this 2-core machine (issue 32). Tests keep no state in modules; each builds its own Qa and dirs.
        test: {
          ...shared,
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: ISOLATED,
          isolate: false,
        },
      },
      { test: { ...shared, name: "isolated", include: ISOLATED, isolate: true } },
    ],
  },
});
