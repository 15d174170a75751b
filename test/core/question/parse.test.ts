import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { parseQuestion, readQuestion } from "../../../src/core/question/parse.ts";
import { MAX_QUESTION_LENGTH } from "../../../src/core/types.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
const now = new Date("2026-06-01T00:00:00Z");

describe("readQuestion", () => {
  it("cleans the question and takes its filters out", () => {
    expect(readQuestion(" 特朗普\u200b访华\n source:BBC  since:2025 ")).toEqual({
      text: "特朗普 访华",
      truncated: false,
      filter: { source: "BBC", since: "2025" },
    });
  });

  it("cuts a question to the one limit, after its filters are out, and says so", () => {
    const long = readQuestion(`${"问".repeat(MAX_QUESTION_LENGTH + 10)} source:BBC`);
    expect(long.text).toHaveLength(MAX_QUESTION_LENGTH);
    expect(long.truncated).toBe(true);
    expect(long.filter).toEqual({ source: "BBC" });
  });
});

describe("parseQuestion", () => {
  it("names the language, the answer type and the terms once", () => {
    const chinese = parseQuestion("谁赢得了第49届超级碗", now, analyzer);
    expect(chinese).toMatchObject({ language: "zh", type: "person" });
    expect(chinese.terms.words).toContain("赢得");
    expect(parseQuestion("Who won Super Bowl 49?", now, analyzer).language).toBe("en");
  });

  it("reads the period a question names, counting relative dates from now, and its terms without it", () => {
    const { date } = parseQuestion("去年10月习近平和特朗普在哪里会晤", now, analyzer);
    expect(date?.kind).toBe("period");
    if (date?.kind !== "period") return;
    expect(date.period).toMatchObject({ from: "2025-10-01" });
    expect(date.undated().words).not.toContain("去年");
  });

  it("reads a day without a year, and no date where there is none", () => {
    expect(parseQuestion("6月5日谁打了电话", now, analyzer).date).toMatchObject({
      kind: "monthDay",
      monthDay: { month: 6, day: 5 },
    });
    expect(parseQuestion("特朗普访华", now, analyzer).date).toBeUndefined();
  });

  it("has no terms for an empty question", () => {
    const empty = parseQuestion("\u200b \u2800", now, analyzer);
    expect(empty.text).toBe("");
    expect(empty.terms.words).toEqual([]);
  });
});
