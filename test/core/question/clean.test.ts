import { describe, expect, it } from "vitest";
import { cleanQuestion } from "../../../src/core/question/clean.ts";

describe("cleanQuestion", () => {
  it.each([
    ["zero-width spaces and joiners", "\u200b\u200c\u200d\u2060"],
    ["a byte-order mark and direction marks", "\ufeff\u200e\u200f\u202e"],
    ["Hangul fillers and the blank Braille pattern", "\u3164\u115f\uffa0\u2800"],
    ["a lone surrogate among spaces", " \ud83d \u3000 "],
  ])("makes a question of only %s empty", (_, question) => {
    expect(cleanQuestion(question)).toBe("");
  });

  it("keeps the visible question, with invisible characters taken out as spaces", () => {
    expect(cleanQuestion("\u200b耶伦\u200b哪天访华？\ufeff")).toBe("耶伦 哪天访华？");
  });
});
