import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTEXT_MAX_RADIUS, quoteContext } from "../../../src/core/features/context.ts";
import type { Article, Qa } from "../../../src/core/types.ts";
import { seedQa } from "../../support/seed-qa.ts";

const article: Article = {
  file: "a.md",
  title: "t",
  publisher: "P",
  date: null,
  url: null,
  author: null,
  paragraphs: ["一。", "二。", "三。", "四，引文在此。", "五。", "六。", "七。"],
};
const at = { paragraph: 3, start: 2, end: 7 };
const texts = (radius?: number) => quoteContext(article, at, { radius })?.paragraphs.map((p) => p.text);

describe("quoteContext", () => {
  it("shows the quote's paragraph and one on each side, and says there is more", () => {
    const context = quoteContext(article, at);
    expect(context?.paragraphs.map((p) => p.text)).toEqual(["三。", "四，引文在此。", "五。"]);
    expect(context?.paragraphs[1]?.marks).toEqual([[2, 7]]);
    expect(context).toMatchObject({ moreBefore: true, moreAfter: true, radius: 1 });
  });

  it("shows more paragraphs when asked, up to the most it allows, and none around at radius 0", () => {
    expect(texts(2)).toEqual(["二。", "三。", "四，引文在此。", "五。", "六。"]);
    expect(texts(99)).toEqual(article.paragraphs);
    expect(quoteContext(article, at, { radius: 99 })).toMatchObject({
      radius: CONTEXT_MAX_RADIUS,
      moreBefore: false,
      moreAfter: false,
    });
    expect(texts(0)).toEqual(["四，引文在此。"]);
    expect(texts(Number.NaN)).toEqual(texts());
  });
});

describe("Qa.context over the seeds", () => {
  let qa: Qa;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ qa, close } = await seedQa());
  });
  afterAll(() => close());

  it("gives at most three paragraphs, the quote marked in its own, and more on request", async () => {
    const quote = (await qa.ask("耶伦哪天访华？")).quotes[0];
    const context = quote && (await qa.context(quote.ref));
    expect(context?.paragraphs.length).toBeLessThanOrEqual(3);
    const marked = context?.paragraphs.find((p) => p.marks.length > 0);
    const [start, end] = marked?.marks[0] ?? [0, 0];
    expect(marked?.text.slice(start, end)).toBe(quote?.text);
    expect(context?.moreBefore || context?.moreAfter).toBe(true);
    const more = quote && (await qa.context(quote.ref, { radius: 2 }));
    expect(more?.paragraphs.length).toBeGreaterThan(context?.paragraphs.length ?? 0);
    expect(more?.paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining(context?.paragraphs.map((p) => p.text) ?? []),
    );
  });
});
