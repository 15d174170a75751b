import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shippedCedictFile } from "../../../src/core/language/cedict-cache.ts";
import {
  parsePinyinReadings,
  pinyinName,
  pinyinSpelling,
  romanisations,
} from "../../../src/core/language/pinyin-names.ts";

const readings = parsePinyinReadings(readFileSync(shippedCedictFile(), "utf8"));
const spelling = pinyinSpelling(readings);

describe("romanisations", () => {
  it("spells a corpus word that may be a Chinese name in pinyin, surname first", () => {
    expect(romanisations("李成", readings)).toEqual(["licheng"]);
    expect(romanisations("何立峰", readings)).toEqual(["helifeng"]);
    expect(romanisations("吕布", readings)).toEqual(expect.arrayContaining(["lvbu", "lubu"])); // ü typed either way
  });

  it("spells no ordinary word, nor one that does not start with a surname or is too long for a name", () => {
    expect(romanisations("里程", readings)).toEqual([]); // li cheng, but mileage
    expect(romanisations("的确", readings)).toEqual([]);
    expect(romanisations("司马相如传", readings)).toEqual([]);
    expect(romanisations("李", readings)).toEqual([]);
  });
});

describe("pinyinName", () => {
  it("joins a surname and a given name of one or two syllables, hyphenated or not", () => {
    expect(pinyinName(["li", "cheng"], spelling)).toBe("licheng");
    expect(pinyinName(["xi", "jinping"], spelling)).toBe("xijinping");
    expect(pinyinName(["li", "ke-qiang"], spelling)).toBe("likeqiang");
  });

  it("takes no English, no lone syllable, no given name of three syllables", () => {
    expect(pinyinName(["the", "man"], spelling)).toBeUndefined();
    expect(pinyinName(["li"], spelling)).toBeUndefined();
    expect(pinyinName(["wang", "yixiaoming"], spelling)).toBeUndefined();
    expect(pinyinName(["li", "said"], spelling)).toBeUndefined();
    expect(pinyinName(["li", "-"], spelling)).toBeUndefined();
  });
});
