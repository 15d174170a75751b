import { describe, expect, it } from "vitest";
import { findHighlights, segments, shortenQuote } from "../../../src/core/answer/highlight.ts";

describe("findHighlights", () => {
  it("marks every occurrence of each term, sorted", () => {
    expect(findHighlights("耶伦访华。耶伦说", ["耶伦", "访华"])).toEqual([
      [0, 4],
      [5, 7],
    ]);
  });

  it("merges overlapping and touching matches into one range", () => {
    expect(findHighlights("中美关系", ["中美", "美关", "关系"])).toEqual([[0, 4]]);
  });

  it("matches a Simplified term in Traditional text, with ranges that fit the verbatim text", () => {
    const text = "習近平在韓國釜山";
    const ranges = findHighlights(text, ["习近平", "釜山"]);
    expect(ranges.map(([start, end]) => text.slice(start, end))).toEqual(["習近平", "釜山"]);
  });

  it("ignores empty terms and terms that do not occur", () => {
    expect(findHighlights("耶伦访华", ["", "拜登"])).toEqual([]);
  });
});

describe("segments", () => {
  it("splits the text into plain and emphasised runs that join back to it", () => {
    const quote = { text: "美国财长耶伦将访华", highlights: [[4, 6] as const, [7, 9] as const] };
    const runs = segments(quote);
    expect(runs).toEqual([
      { text: "美国财长", emphasis: false },
      { text: "耶伦", emphasis: true },
      { text: "将", emphasis: false },
      { text: "访华", emphasis: true },
    ]);
    expect(runs.map((r) => r.text).join("")).toBe(quote.text);
  });

  it("sorts, clamps and merges whatever ranges it is given, so every platform bolds the same words", () => {
    const highlights = [
      [2, 9] as const,
      [0, 2] as const,
      [1, 3] as const,
      [3, 3] as const,
      [-4, -1] as const,
    ];
    expect(segments({ text: "耶伦访华", highlights })).toEqual([{ text: "耶伦访华", emphasis: true }]);
    expect(
      segments({
        text: "耶伦访华",
        highlights: [
          [2, 4],
          [0, 1],
        ],
      }),
    ).toEqual([
      { text: "耶", emphasis: true },
      { text: "伦", emphasis: false },
      { text: "访华", emphasis: true },
    ]);
  });

  it("gives one plain run for a text without highlights, even an empty one", () => {
    expect(segments({ text: "耶伦", highlights: [] })).toEqual([{ text: "耶伦", emphasis: false }]);
    expect(segments({ text: "", highlights: [] })).toEqual([{ text: "", emphasis: false }]);
  });
});

describe("shortenQuote", () => {
  it("leaves a quote that fits as it is", () => {
    const quote = { text: "耶伦访华", highlights: [[0, 2] as const] };
    expect(shortenQuote(quote, 4)).toBe(quote);
  });

  it("cuts with an ellipsis and clips the highlights to what remains", () => {
    const quote = { text: "美国财长耶伦将访华", highlights: [[4, 6] as const, [7, 9] as const] };
    expect(shortenQuote(quote, 6)).toEqual({ text: "美国财长耶…", highlights: [[4, 5]] });
  });

  it("never leaves half a surrogate pair", () => {
    expect(shortenQuote({ text: "ab😀cd", highlights: [[2, 4]] }, 4)).toEqual({
      text: "ab…",
      highlights: [],
    });
  });
});
