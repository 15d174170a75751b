import { describe, expect, it } from "vitest";
import { assessPassage, type TermWeights } from "../../../src/core/answer/passage-fit.ts";

/** Weights for words only, each word its own single form. */
function wordsWeighing(entries: Record<string, number>): TermWeights {
  const words = Object.entries(entries).map(([word, weight]) => ({ forms: [word], weight }));
  return { words, bigrams: [], wordTotal: words.reduce((s, w) => s + w.weight, 0), bigramTotal: 0 };
}

const PASSAGE = "双方谈到了贸易。耶伦将于4月3日访华。她还会见了学者。";

describe("assessPassage", () => {
  it("picks the sentence that holds most of the question's weight", () => {
    const fit = assessPassage(PASSAGE, wordsWeighing({ 耶伦: 2, 访华: 1 }));
    expect(PASSAGE.slice(fit.window.start, fit.window.end)).toBe("耶伦将于4月3日访华。");
    expect(fit.window.coverage).toBe(1);
    expect(fit.coverage).toBe(1);
  });

  it("weighs rare words above common ones, in the passage's coverage too", () => {
    const fit = assessPassage(PASSAGE, wordsWeighing({ 耶伦: 3, 上海: 1 }));
    expect(fit.coverage).toBe(0.75);
    expect(PASSAGE.slice(fit.window.start, fit.window.end)).toBe("耶伦将于4月3日访华。");
  });

  it("counts a word found in any of its forms", () => {
    const weights: TermWeights = {
      words: [{ forms: ["特朗普", "川普"], weight: 1 }],
      bigrams: [],
      wordTotal: 1,
      bigramTotal: 0,
    };
    expect(assessPassage("川普表示满意。", weights).coverage).toBe(1);
  });

  it("averages the words' and the bigrams' shares when the question has both", () => {
    const weights: TermWeights = {
      words: [{ forms: ["耶伦"], weight: 1 }],
      bigrams: [{ term: "上海", weight: 1 }],
      wordTotal: 1,
      bigramTotal: 1,
    };
    expect(assessPassage(PASSAGE, weights).coverage).toBe(0.5);
  });

  it("takes two adjacent sentences only when the second adds clearly more", () => {
    const fit = assessPassage(PASSAGE, wordsWeighing({ 耶伦: 1, 学者: 1 }));
    expect(PASSAGE.slice(fit.window.start, fit.window.end)).toBe("耶伦将于4月3日访华。她还会见了学者。");
  });

  it("prefers, at equal coverage, the sentence that holds an answer of the type asked for", () => {
    const text = "耶伦访华引人关注。耶伦在4月3日访华。";
    const fit = assessPassage(text, wordsWeighing({ 耶伦: 1, 访华: 1 }), (s) => /\d+月\d+日/.test(s));
    expect(text.slice(fit.window.start, fit.window.end)).toBe("耶伦在4月3日访华。");
    expect(fit.window.kindMatch).toBe(true);
  });

  it("keeps the sentence that covers clearly more over one with the answer type only", () => {
    const text = "耶伦在4月3日来了。耶伦访华引人关注。";
    const fit = assessPassage(text, wordsWeighing({ 耶伦: 1, 访华: 1 }), (s) => /\d+月\d+日/.test(s));
    expect(text.slice(fit.window.start, fit.window.end)).toBe("耶伦访华引人关注。");
    expect(fit.window.kindMatch).toBe(false);
  });

  it("tests for the answer type only the sentences of windows the bonus could make the best", () => {
    const text = "耶伦访华引人关注。天气很好。大家都来了。耶伦访华的日程已定。";
    const tested: string[] = [];
    assessPassage(text, wordsWeighing({ 耶伦: 1, 访华: 1 }), (s) => {
      tested.push(s);
      return false;
    });
    // The two sentences without the question's words are never tested: no bonus lifts them to the top.
    expect(tested.sort()).toEqual(["耶伦访华引人关注。", "耶伦访华的日程已定。"]);
  });

  it("widens a short window with its neighbours, the following one first, to the minimum length", () => {
    const fit = assessPassage(PASSAGE, wordsWeighing({ 耶伦: 1 }), undefined, 15);
    expect(PASSAGE.slice(fit.window.start, fit.window.end)).toBe("耶伦将于4月3日访华。她还会见了学者。");
  });

  it("covers nothing when the passage holds none of the question's terms", () => {
    const fit = assessPassage(PASSAGE, wordsWeighing({ 拜登: 1 }));
    expect(fit.coverage).toBe(0);
    expect(fit.window.coverage).toBe(0);
  });
});
