import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shippedCedict, shippedCedictFile } from "../../../src/core/language/cedict-cache.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import {
  createNameMatcher,
  englishKeys,
  letterDistance,
  pinyinKeys,
  unknownNames,
} from "../../../src/core/language/transliterate.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { withTransliterations } from "../../../src/core/question/transliterations.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const cedict = shippedCedict();
const { names } = cedict;
/** The name characters as they are, but as if CC-CEDICT lacked every word: to match names it does list. */
const lacking = { ...names, knownWords: new Set<string>() };
const readingsOf = (word: string) => [...word].map((c) => names.readings.get(c) ?? "?");

/** CC-CEDICT's own transliterated names of one English word ("Carter (name)"), English → headword. */
function cedictNames(): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of readFileSync(shippedCedictFile(), "utf8").split("\n")) {
    const match = /^\S+ (\p{Script=Han}{2,6}) \[[^\]]*\] \/([A-Z][a-z]+)(?: \([^)]*\))?\//u.exec(line);
    if (!match) continue;
    const [, headword = "", english = ""] = match;
    if (!readingsOf(headword).includes("?") && readingsOf(headword).join("") !== english.toLowerCase()) {
      found.set(english, headword);
    }
  }
  return found;
}

describe("name characters from CC-CEDICT", () => {
  it("are the characters transliterations are written with, read as names read them", () => {
    expect(names.readings.size).toBeGreaterThan(500);
    expect(names.readings.size).toBeLessThan(2000); // not every character some Chinese name has
    for (const [character, reading] of [
      ["曼", "man"],
      ["顿", "dun"],
      ["斯", "si"],
      ["尔", "er"],
    ]) {
      expect(names.readings.get(character ?? "")).toBe(reading);
    }
    expect(names.nameShares.get("斯")).toBeGreaterThan(0.5);
    expect(names.nameShares.get("一") ?? 0).toBeLessThan(0.1);
  });

  it("know CC-CEDICT's ordinary words and romanised Chinese names, which are no foreign names", () => {
    expect(names.knownWords.has("安全")).toBe(true); // ordinary word of name characters
    expect(names.knownWords.has("北京")).toBe(true); // Beijing is its own pinyin
    expect(names.knownWords.has("曼宁")).toBe(false); // a name CC-CEDICT lacks
  });
});

describe("consonant keys", () => {
  it.each([
    ["Carter", "卡特"],
    ["Denver", "丹佛"],
    ["Igor", "伊戈尔"],
    ["Davis", "戴维斯"],
    ["Newton", "牛顿"],
    ["George", "乔治"],
  ])("of %s and of %s (CC-CEDICT's transliteration) agree", (english, headword) => {
    expect(englishKeys(english).some((key) => pinyinKeys(readingsOf(headword)).includes(key))).toBe(true);
  });

  it("tell apart names of other consonants", () => {
    expect(englishKeys("Carter").some((key) => pinyinKeys(readingsOf("丹佛")).includes(key))).toBe(false);
  });

  it("measure letters as a share of the longer word", () => {
    expect(letterDistance("manning", "manning")).toBe(0);
    expect(letterDistance("abcd", "abce")).toBe(0.25);
    expect(letterDistance("ab", "xyz")).toBe(1);
  });
});

describe("createNameMatcher", () => {
  it("finds CC-CEDICT's own transliterated names among all of them (denser than any corpus's)", () => {
    const pairs = cedictNames();
    expect(pairs.size).toBeGreaterThan(500);
    const matcher = createNameMatcher(lacking, pairs.values());
    let found = 0;
    let right = 0;
    for (const [english, headword] of pairs) {
      const matches = matcher.match(english);
      if (matches.length > 0) found++;
      if (matches.includes(headword)) right++;
    }
    // Measured: of 1,810 names, 1,254 get candidates and 679 the right one among the two kept. Every one of the
    // 1,810 headwords is a candidate for every name at once: a corpus holds far fewer names to confuse.
    expect(right / pairs.size).toBeGreaterThan(0.33);
    expect(right / found).toBeGreaterThan(0.5);
  });

  it("keeps at most two candidates, closest first, and none of other consonants", () => {
    const matcher = createNameMatcher(lacking, ["丹佛", "卡特", "伊戈尔", "戴维斯", "卡塔", "凯特"]);
    expect(matcher.match("Carter")[0]).toBe("卡特");
    expect(matcher.match("Carter").length).toBeLessThanOrEqual(2);
    expect(matcher.match("Denver")).toEqual(["丹佛"]);
    expect(matcher.match("Igor")).toEqual(["伊戈尔"]);
    expect(matcher.match("Zimmerman")).toEqual([]);
  });

  it("takes no word CC-CEDICT knows, nor Chinese words of mostly non-name characters", () => {
    const matcher = createNameMatcher(names, ["安全", "北京", "一任", "曼宁"]);
    expect(matcher.candidates).toBe(1);
    expect(matcher.match("Manning")).toEqual(["曼宁"]);
  });

  it("finds a Chinese name in pinyin by its syllables only: no sound-alike when the corpus lacks the name", () => {
    expect(createNameMatcher(names, ["王氏翼", "万斯", "王毅"]).match("wangyi", true)).toEqual(["王毅"]);
    expect(createNameMatcher(names, ["王氏翼", "万斯"]).match("wangyi", true)).toEqual([]);
    expect(createNameMatcher(names, ["王氏翼", "万斯"]).match("wangyi")).not.toEqual([]); // as an English name
  });
});

describe("transliterations a question writes otherwise than the corpus", () => {
  const corpus = ["鲁比奥", "沙利文", "格里尔", "泽连斯基", "奥巴马", "香港", "北京", "耶伦"];

  it("are matched to the corpus's by sound, CC-CEDICT's names too: Taiwan's and the mainland's spellings", () => {
    const matcher = createNameMatcher(names, corpus);
    expect(matcher.match("卢比欧")).toEqual(["鲁比奥"]); // Rubio, which CC-CEDICT knows as 鲁比奥
    expect(matcher.match("苏利文")).toEqual(["沙利文"]);
    expect(matcher.match("葛里尔")).toEqual(["格里尔"]);
    expect(matcher.match("泽伦斯基")).toEqual(["泽连斯基"]);
    expect(matcher.match("欧巴马")).toEqual(["奥巴马"]);
  });

  it("are most of the transliteration pairs aliases.json lists, found without it", () => {
    const { groups } = JSON.parse(readFileSync(path.join(CONFIG_DIR, "aliases.json"), "utf8")) as {
      groups: string[][];
    };
    const matcher = createNameMatcher(
      names,
      groups.map((g) => g[0] ?? ""),
    );
    const found = groups.flatMap(([canonical = "", ...variants]) =>
      variants.filter((v) => unknownNames(names, [v]).length > 0 && matcher.match(v).includes(canonical)),
    );
    expect(found.sort()).toEqual(
      ["布林根", "卢比奥", "葛里尔", "贝辛特", "赫格塞斯", "布里辛斯基", "欧巴马", "泽伦斯基"].sort(),
    );
  });

  it("are not matched when the corpus writes them as they are, or when they are short or sound otherwise", () => {
    const matcher = createNameMatcher(names, corpus);
    expect(matcher.match("鲁比奥")).toEqual([]); // the corpus's own spelling
    expect(matcher.match("叶伦")).toEqual([]); // two characters sound like too many words
    expect(matcher.match("季辛吉")).toEqual([]); // Kissinger, but not by sound: a list's job (aliases.json)
    expect(matcher.match("卢比")).toEqual([]);
  });

  it("are found in the question's words, joined where jieba cut them up, and only of name characters", () => {
    expect(unknownNames(names, ["卢比", "欧", "怎么", "说"])).toContain("卢比欧");
    expect(unknownNames(names, ["苏利文", "说"])).toEqual(["苏利文"]);
    expect(unknownNames(names, ["克林顿"])).toEqual([]); // CC-CEDICT knows it
    expect(unknownNames(names, ["联合", "英国"])).toEqual([]); // 国 is a character of Chinese words
  });

  it("become one term with their pieces and the corpus's spelling", () => {
    const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR, cedict));
    const question = analyzer.question("卢比欧怎么说？");
    const matcher = createNameMatcher(names, corpus);
    const withNames = withTransliterations(question, (name) => matcher.match(name));
    const group = withNames.alternatives.find((g) => g.some((i) => withNames.words[i] === "鲁比奥"));
    expect(group?.map((i) => withNames.words[i]).sort()).toEqual(["卢比", "卢比欧", "欧", "鲁比奥"].sort());
    expect(withNames.highlights).toContain("鲁比奥");
  });
});

describe("English names in questions", () => {
  const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR, cedict));

  it("are the capitalised words mid-sentence that no dictionary translates", () => {
    const question = analyzer.question(
      "How old was Peyton Manning when he played in the Super Bowl for the NFL?",
    );
    expect(question.names).toEqual(["peyton", "manning"]); // not How (first), Super Bowl (CC-CEDICT), NFL
    expect(analyzer.question("Manning played where?").names).toEqual([]); // first, and its stem is "man"
    // First too, but no form of Peyton is English CC-CEDICT knows; Describe is.
    expect(analyzer.question("Peyton Manning took how many teams?").names).toEqual(["peyton", "manning"]);
    expect(analyzer.question("Describe the Super Bowl.").names).toEqual([]);
    expect(analyzer.question("When was the South African Schools Act passed?").names).not.toContain(
      "schools",
    );
    expect(analyzer.question("谁是特朗普？").names).toEqual([]);
  });

  it("become one term each: the name as it is, or its transliterations", () => {
    const question = analyzer.question("How old was Peyton Manning?");
    const matcher = createNameMatcher(names, ["曼宁", "佩顿", "北京"]);
    const withNames = withTransliterations(question, (name) => matcher.match(name));
    const group = (word: string) =>
      withNames.alternatives
        .find((g) => g.some((i) => withNames.words[i] === word))
        ?.map((i) => withNames.words[i]);
    expect(group("曼宁")).toEqual(["manning", "曼宁"]);
    expect(group("佩顿")).toEqual(["peyton", "佩顿"]);
    expect(withNames.highlights).toEqual(expect.arrayContaining(["曼宁", "佩顿"]));
    expect(withNames.words).not.toContain("男人"); // what the stem "man" translated to
    expect(withTransliterations(question, () => [])).toEqual(question);
  });

  it("keep each word's specificity beside it, a transliteration's that of its name", () => {
    const question = analyzer.question("How old was Peyton Manning?");
    const matcher = createNameMatcher(names, ["曼宁", "佩顿", "北京"]);
    const withNames = withTransliterations(question, (name) => matcher.match(name));
    expect(withNames.specificity).toHaveLength(withNames.words.length);
    const of = (q: typeof question, word: string) => q.specificity[q.words.indexOf(word)];
    expect(of(withNames, "曼宁")).toBe(of(question, "manning"));
    expect(of(withNames, "佩顿")).toBe(of(question, "peyton"));
    for (const word of question.words.filter((w) => withNames.words.includes(w)))
      expect(of(withNames, word)).toBe(of(question, word));
  });
});

describe("joins of two words, where jieba cut a transliteration", () => {
  const vocabulary = ["杰克逊", "维尔", "佛罗里达"];

  it("match an English name to two words the corpus's bigrams let meet: 杰克逊 + 维尔 for Jacksonville", () => {
    const matcher = createNameMatcher(names, vocabulary, undefined, ["逊维", "佛罗"]);
    expect(matcher.joins("Jacksonville")).toContain("杰克逊维尔");
    expect(matcher.cut("杰克逊维尔")).toBe(true);
    expect(matcher.cut("杰克逊")).toBe(false);
    // Words and joins apart: a join is taken only where a passage writes it (the transliterator's check).
    expect(matcher.match("Jacksonville")).not.toContain("杰克逊维尔");
  });

  it("are none where no bigram of the corpus joins the pieces, nor for a name in Chinese", () => {
    expect(createNameMatcher(names, vocabulary).joins("Jacksonville")).toEqual([]);
    expect(createNameMatcher(names, vocabulary, undefined, ["尔杰"]).joins("Jacksonville")).toEqual([]);
    expect(createNameMatcher(names, vocabulary, undefined, ["逊维"]).joins("杰克逊维尔")).toEqual([]);
  });
});
