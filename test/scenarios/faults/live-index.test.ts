import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Qa } from "../../../src/core/types.ts";
import { BIG_TITLE, bigArticle } from "../../support/big-article.ts";
import { openQa, PENGUIN_QUESTION, workspace } from "../../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Asks a question every 50 ms until `done()` (or `timeoutMs`, a bound that only stops a hung test), checking each
 * answer, and returns how many were answered before `done()` turned true: questions asked while the article was
 * being read or indexed. How late they came is measured by `bench/faults.ts`, not asserted here.
 */
async function askWhile(qa: Qa, done: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  let answered = 0;
  const until = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The big article repeats the seeds' paragraphs, so once it is in, its copy of a sentence may come first.
    expect((await qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("耶伦");
    answered += 1;
  }
  return answered;
}

describe("an article dropped into a running bot's directory", () => {
  it("of 20 MB is skipped with one warning, and questions asked meanwhile are answered", async () => {
    const dirs = await workspace(cleanups);
    const { qa, logged } = await openQa(cleanups, dirs, { watch: true, rescanMs: 500 });
    await writeFile(path.join(dirs.corpusDir, "999_big.md"), await bigArticle(20 * 2 ** 20));
    const skipped = () => logged("skipped an article file that cannot be read").length > 0;
    // How many questions fit before the skip is a race with the watcher (none, on a fast one); each is checked.
    await askWhile(qa, skipped);
    expect(skipped()).toBe(true);
    // Questions keep being answered through a few rounds of re-scans after, with no second warning.
    expect(await askWhile(qa, () => false, 1_500)).toBeGreaterThan(0);
    expect(logged("skipped an article file that cannot be read").map((l) => l.reason)).toEqual([
      "999_big.md: larger than 2,097,152 bytes (maxArticleBytes)",
    ]);
    expect(await qa.articles()).toHaveLength(5);
  });

  it("under the limit is indexed in slices: questions meanwhile are answered from the index as it was", async () => {
    const dirs = await workspace(cleanups);
    const { qa } = await openQa(cleanups, dirs, { watch: true });
    await writeFile(path.join(dirs.corpusDir, "999_big.md"), await bigArticle(600_000));
    const searchable = async () => (await qa.ask(PENGUIN_QUESTION)).quotes.length > 0;
    // Questions were answered, from the index as it was, before the article became searchable; then it is.
    expect(await askWhile(qa, searchable)).toBeGreaterThan(5);
    expect(await searchable()).toBe(true);
    expect((await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.title).toBe(BIG_TITLE);
  });
});
