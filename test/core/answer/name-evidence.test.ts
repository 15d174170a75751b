import { describe, expect, it } from "vitest";
import {
  givenNames,
  gluedToNeighbour,
  holdsFunctionCharacter,
  joinedFromSentence,
  writesAsList,
  writesOneApart,
} from "../../../src/core/answer/name-evidence.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { loadSegmenter } from "../../../src/core/language/segment.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

loadSegmenter(loadLexicon(CONFIG_DIR).userDictPath);

describe("holdsFunctionCharacter", () => {
  it("finds a numeral, pronoun or adverb jieba's HMM glued into an unknown word", () => {
    for (const word of ["哪一郡", "每一旗", "城一役", "节多约"])
      expect(holdsFunctionCharacter(word)).toBe(true);
  });

  it("finds none in Chinese, Japanese and Korean names", () => {
    for (const word of ["岸田文雄", "尹锡悦", "黄仁勋"]) expect(holdsFunctionCharacter(word)).toBe(false);
  });
});

describe("joinedFromSentence", () => {
  it("takes a pronoun and its classifier, or one character twice, for pieces of the sentence", () => {
    expect(joinedFromSentence("那座")).toBe(true);
    expect(joinedFromSentence("州州")).toBe(true);
  });

  it("leaves transliterated names alone", () => {
    for (const word of ["卢拉", "莫迪", "梅西"]) expect(joinedFromSentence(word)).toBe(false);
  });
});

describe("givenNames", () => {
  const name = (word: string, start: number, person = true) => ({
    word,
    start,
    transliterated: true,
    person,
  });

  it("takes a person's name written right before another (or a dot before it) for the given name", () => {
    const text = "格雷厄姆特威格对疾病的传播提出了什么观点";
    expect(givenNames([name("格雷厄姆", 0), name("特威格", 4)], text)).toEqual(new Set(["格雷厄姆"]));
    expect(givenNames([name("唐娜", 0), name("诺布尔", 3)], "唐娜·诺布尔是谁")).toEqual(new Set(["唐娜"]));
  });

  it("keeps names apart in the sentence, and a place before a person", () => {
    expect(givenNames([name("卢拉", 0), name("莫迪", 3)], "卢拉和莫迪")).toEqual(new Set());
    expect(givenNames([name("美国", 0, false), name("拜登", 2)], "美国拜登")).toEqual(new Set());
  });
});

describe("writesOneApart", () => {
  const nameCharacter = (c: string) => c === "维";

  it("finds a long transliteration written with one name character otherwise", () => {
    expect(writesOneApart("在组成大雷克雅维克地区的七个", "雷克雅未克", nameCharacter)).toBe(true);
  });

  it("finds nothing where the other character is no name character, two differ, or the name is short", () => {
    expect(writesOneApart("大雷克雅之克地区", "雷克雅未克", nameCharacter)).toBe(false);
    expect(writesOneApart("大雷维雅维克地区", "雷克雅未克", nameCharacter)).toBe(false);
    expect(writesOneApart("卢维访华", "卢拉访", nameCharacter)).toBe(false);
  });
});

describe("gluedToNeighbour", () => {
  const ordinary = new Set(["占比", "往上"]);

  it("finds a two-character name one of whose characters makes a word with the character beside it", () => {
    expect(gluedToNeighbour("以什么地形为主,占比达3/5左右", 9, "比达", ordinary)).toBe(true);
  });

  it("leaves names whose neighbours make no word with them", () => {
    expect(gluedToNeighbour("卢拉访华时和习近平谈了什么", 0, "卢拉", ordinary)).toBe(false);
    expect(gluedToNeighbour("梅西在世界杯上进了几个球", 0, "梅西", ordinary)).toBe(false);
  });
});

describe("writesAsList", () => {
  it("finds the two characters of a name written as items of a list", () => {
    expect(writesAsList("辽、金所设行军元帅府、尚书行台等,名殊实同", "辽金")).toBe(true);
  });

  it("finds nothing where they are apart otherwise, or in the other order", () => {
    expect(writesAsList("卢森堡的拉丁文", "卢拉")).toBe(false);
    expect(writesAsList("金、辽两朝", "辽金")).toBe(false);
  });
});
