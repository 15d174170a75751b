import { describe, expect, it } from "vitest";
import { capitalisedWords, namedWithCapitals } from "../../../src/core/question/capitalised.ts";

describe("capitalisedWords", () => {
  it("lower-cases words written with a capital and says which begin a sentence", () => {
    expect(capitalisedWords("Who met Li Cheng? He did.")).toEqual([
      { word: "who", first: true },
      { word: "li", first: false },
      { word: "cheng", first: false },
      { word: "he", first: true },
    ]);
  });

  it("leaves acronyms and Chinese questions alone", () => {
    expect(capitalisedWords("NFL 的 APEC")).toEqual([]);
    expect(capitalisedWords("拜登和习近平")).toEqual([]);
  });
});

describe("namedWithCapitals", () => {
  it("takes a question's capitals as names, but none in a headline's title case", () => {
    const plain = "Where did Li Cheng study?";
    expect([...namedWithCapitals(plain, capitalisedWords(plain))]).toContain("li");
    const headline = "Where Did Cheng Study Chemistry";
    expect(namedWithCapitals(headline, capitalisedWords(headline)).size).toBe(0);
  });
});
