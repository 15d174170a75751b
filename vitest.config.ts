import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Building an index and loading jieba's dictionaries take a few hundred milliseconds per test file.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The CC-CEDICT lexicon, derived once for the whole run and read by each test file and each test's cache
    // directory (see test/support/global-setup.ts and setup-lexicon.ts).
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup-lexicon.ts"],
  },
});
