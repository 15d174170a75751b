import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIDENT_SHARE } from "../../../src/core/answer/cut-quotes.ts";
import { compareOutlets } from "../../../src/core/features/compare.ts";
import { outletName, sourceParts } from "../../../src/core/messages.ts";
import type { Qa, Quote } from "../../../src/core/types.ts";
import { seedQa } from "../../support/seed-qa.ts";

const quote = (score: number) => ({ score, number: 1 }) as Quote;

describe("compareOutlets", () => {
  it("orders covered outlets by score, marks those far below the best weak, and keeps them", () => {
    const best = new Map<string | null, Quote>([
      ["BBC中文", quote(0.9)],
      ["新华社", quote(0.9 * CONFIDENT_SHARE)],
      ["法广 RFI", quote(0.9 * CONFIDENT_SHARE - 0.01)],
    ]);
    const sides = compareOutlets(["法广 RFI", "新华社", "BBC中文", null], (p) => best.get(p));
    expect(sides.map((s) => [s.publisher, s.quote?.score, s.quote?.weak])).toEqual([
      ["BBC中文", 0.9, false],
      ["新华社", 0.9 * CONFIDENT_SHARE, false],
      ["法广 RFI", 0.9 * CONFIDENT_SHARE - 0.01, true],
      [null, undefined, undefined],
    ]);
    expect(sides[0]?.quote?.number).toBeUndefined();
  });
});

describe("compare over the seeds", () => {
  let qa: Qa;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ qa, close } = await seedQa());
  });
  afterAll(() => close());

  it("counts an outlet as covering what /ask quotes it for", async () => {
    const comparison = await qa.compare("耶伦访华");
    const rfi = comparison.sides.find((s) => s.publisher === "法广 RFI");
    expect(rfi?.quote?.text).toContain("耶伦将 “在未来几天内 ”前往中国");
    const asked = await qa.ask("耶伦访华", { limit: 50 });
    const covered = comparison.sides.filter((s) => s.quote).map((s) => s.publisher);
    expect(covered).toEqual(
      expect.arrayContaining([...new Set(asked.quotes.map((q) => q.article.publisher))]),
    );
    // 大纪元 never names 耶伦.
    expect(comparison.sides.find((s) => s.publisher === "大纪元")?.quote).toBeUndefined();
  });

  it("names an article without publisher or link as such, and shows no title it does not state", async () => {
    const comparison = await qa.compare("耶伦访华");
    const unnamed = comparison.sides.find((s) => s.publisher === null)?.quote?.article;
    expect(outletName(null, "zh-Hans")).toBe("来源未注明");
    expect(outletName(null)).toBe("来源未注明 Source not given");
    expect(unnamed?.untitled).toBe(true);
    expect(unnamed && sourceParts(unnamed, "en")).toEqual(["Source not given", "2025-10-31"]);
    const titled = (await qa.articles()).find((a) => a.publisher === "BBC中文");
    expect(titled && sourceParts(titled, "en")).toEqual([
      "BBC中文",
      "习近平拜登：再次“会谈”，中美之间的分歧减少了吗",
      "2024-04-03",
    ]);
  });
});
