import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shippedWordCountsFile, specificityOf } from "../../../src/core/language/specificity.ts";

describe("specificityOf", () => {
  it("is −ln of a word's share of the counts, for the words asked about", () => {
    const counts = "计划 90 n\n焊接 9 v\n的 900 uj\n";
    const { nats, rarest } = specificityOf(counts, new Set(["计划", "焊接", "没有的词"]));
    expect(nats.get("计划")).toBeCloseTo(Math.log(999 / 90), 2);
    expect(nats.get("焊接")).toBeCloseTo(Math.log(999 / 9), 2);
    expect(nats.has("的")).toBe(false);
    expect(nats.has("没有的词")).toBe(false);
    expect(rarest).toBe(nats.get("焊接"));
  });

  it("skips lines without a positive count", () => {
    const { nats } = specificityOf("计划 90 n\n坏行\n零 0 m\n\n", new Set(["计划", "坏行", "零"]));
    expect([...nats.keys()]).toEqual(["计划"]);
    expect(nats.get("计划")).toBe(0);
  });

  it("ranks common words of jieba's own dictionary below rare ones", () => {
    const words = new Set(["计划", "处理", "焊接", "擒杀"]);
    const { nats, rarest } = specificityOf(readFileSync(shippedWordCountsFile(), "utf8"), words);
    const of = (w: string) => nats.get(w) ?? rarest;
    expect(of("计划")).toBeLessThan(of("焊接"));
    expect(of("处理")).toBeLessThan(of("焊接"));
    expect(of("焊接")).toBeLessThanOrEqual(rarest);
  });
});
