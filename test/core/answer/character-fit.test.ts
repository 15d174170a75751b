import { describe, expect, it } from "vitest";
import { characterCoverage, characterWeights } from "../../../src/core/answer/character-fit.ts";
import type { TermWeights } from "../../../src/core/answer/passage-fit.ts";

const weights = (words: Array<[string[], number]>): TermWeights => ({
  words: words.map(([forms, weight]) => ({ forms, weight })),
  bigrams: [],
  wordTotal: words.reduce((sum, [, weight]) => sum + weight, 0),
  bigramTotal: 0,
});

describe("characterWeights", () => {
  it("weighs each Han character of the words as the heaviest word that holds it, Latin left out", () => {
    const characters = characterWeights(
      weights([
        [["需要"], 2],
        [["重要", "要紧"], 3],
        [["tiktok"], 5],
      ]),
    );
    expect([...characters]).toEqual([
      ["需", 2],
      ["要", 3],
      ["重", 3],
      ["紧", 3],
    ]);
  });
});

describe("characterCoverage", () => {
  const characters = characterWeights(
    weights([
      [["需要"], 2],
      [["时代"], 2],
    ]),
  );
  const text = "德语出版物的需求上升。那个时期很长。";
  const first = { start: 0, end: text.indexOf("那") };

  it("averages the weighted share of the characters in the window and in the whole passage", () => {
    // 需 and 时 are in the passage (half the weight); only 需 is in the first sentence (a quarter).
    expect(characterCoverage(text, first, characters)).toBeCloseTo((0.25 + 0.5) / 2);
    expect(characterCoverage(text, { start: 0, end: text.length }, characters)).toBeCloseTo(0.5);
  });

  it("is 0 without characters to look for", () => {
    expect(characterCoverage(text, first, new Map())).toBe(0);
    expect(characterCoverage("别的话。", { start: 0, end: 4 }, characters)).toBe(0);
  });
});
