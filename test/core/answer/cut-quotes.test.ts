import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIDENT_SHARE } from "../../../src/core/answer/cut-quotes.ts";
import type { Qa } from "../../../src/core/types.ts";
import { seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

let qa: Qa;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ qa, close } = await seedQa());
});
afterAll(() => close());

describe("weak quotes", () => {
  it("flags quotes far below the answer's best, on the first page and on a More page", async () => {
    const first = await qa.ask("耶伦访华", { limit: 3 });
    const best = first.quotes[0]?.score ?? 0;
    // The two BBC quotes name 耶伦 and 访华; RFI's third names only 耶伦 (前往中国).
    expect(first.quotes.map((q) => q.weak)).toEqual([false, false, true]);
    const more = await qa.ask("耶伦访华", { limit: 3, offset: 3 });
    expect(more.quotes.length).toBeGreaterThan(0);
    expect(more.quotes.map((q) => q.weak)).toEqual(more.quotes.map(() => true));
    expect(more.quotes.every((q) => q.score < CONFIDENT_SHARE * best)).toBe(true);
  });
});

describe("quote numbers", () => {
  it("numbers quotes across pages, so a More page goes on from the last", async () => {
    const first = await qa.ask("耶伦访华", { limit: 3 });
    const more = await qa.ask("耶伦访华", { limit: 3, offset: 3 });
    expect(first.quotes.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(more.quotes.map((q) => q.number)).toEqual(more.quotes.map((_, i) => 4 + i));
  });
});

describe("quotes that share a word with the question", () => {
  it("counts a one-character word as specific as a two-character one (jieba cuts 向宠 into 向 and 宠)", async () => {
    const corpus = await temporaryDirectory();
    const article = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;
    await writeFile(
      path.join(corpus.dir, "xiang.md"),
      article("向宠", "向宠，表字不详，襄阳宜城人，三国时蜀汉将领。诸葛亮在出师表中推荐他为良臣。"),
    );
    await writeFile(
      path.join(corpus.dir, "hongkong.md"),
      article("杜老志", "杜老志是英国人，殖民地时期曾任香港政府布政司，后来又做过香港监狱长。"),
    );
    await writeFile(
      path.join(corpus.dir, "swiss.md"),
      article("谢尔", "谢尔是瑞士瓦莱州的一座城市，位于罗纳河畔，日照时间很长，人口一万多人。"),
    );
    const { qa: small, close: closeSmall } = await seedQa({ corpusDir: corpus.dir });
    try {
      const answer = await small.ask("向宠是什么时期的人？", { limit: 3 });
      expect(answer.quotes[0]?.article.file).toBe("xiang.md");
    } finally {
      await closeSmall();
      await corpus.remove();
    }
  });
});
