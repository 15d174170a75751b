import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Qa } from "../../src/core/types.ts";
import { BIG_TITLE, bigArticle } from "../support/big-article.ts";
import { openQa, PENGUIN_QUESTION, workspace } from "../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Asks a question every 50 ms until `done()`, and returns how late each answer came, counted from when the
 * question was due: so time the event loop spent blocked by indexing counts. The bound asserted on it is
 * generous (a shared test machine); `bench/faults.ts` measures it.
 */
async function askWhile(
  qa: Qa,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<number[]> {
  const delays: number[] = [];
  const until = performance.now() + timeoutMs;
  let due = performance.now();
  while (!(await done()) && performance.now() < until) {
    due += 50;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    // The big article repeats the seeds' paragraphs, so once it is in, its copy of a sentence may come first.
    expect((await qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("耶伦");
    delays.push(performance.now() - due);
  }
  return delays;
}

const GENEROUS_MS = 1_000;

describe("an article dropped into a running bot's directory", () => {
  it("of 20 MB is skipped with one warning, and questions asked meanwhile are answered at once", async () => {
    const dirs = await workspace(cleanups);
    const { qa, logged } = await openQa(cleanups, dirs, { watch: true, rescanMs: 500 });
    await writeFile(path.join(dirs.corpusDir, "999_big.md"), await bigArticle(20 * 2 ** 20));
    const skipped = () => logged("skipped an article file that cannot be read").length > 0;
    const delays = await askWhile(qa, skipped);
    await askWhile(qa, () => false, 1_500); // and a few rounds of re-scans after: no second warning
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThan(GENEROUS_MS);
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
    const delays = await askWhile(qa, searchable);
    expect(await searchable()).toBe(true);
    expect(delays.length).toBeGreaterThan(5); // the re-index took a while, and questions were answered during it
    expect(Math.max(...delays)).toBeLessThan(GENEROUS_MS);
    expect((await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.title).toBe(BIG_TITLE);
  });
});
