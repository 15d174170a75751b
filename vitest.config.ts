import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Building an index and loading jieba's dictionaries take a few hundred milliseconds per test file.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
