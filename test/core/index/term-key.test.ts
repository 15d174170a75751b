import { describe, expect, it } from "vitest";
import { termOfKey, treeKey, treeKeys } from "../../../src/core/index/term-key.ts";

const TERMS = [
  "习近平",
  "釜山",
  "tiktok",
  "g20",
  "中美关系",
  "a中",
  "中a",
  "𠮷野家",
  "😀",
  "",
  "ABCD",
  "Taiwan",
  "a b",
  "ｗｉｄｅ",
  "ĀĀ",
];

describe("treeKey", () => {
  it("reads back as the term it spells", () => {
    for (const term of TERMS) expect(termOfKey(treeKey(term))).toBe(term);
  });

  it("gives distinct terms distinct keys", () => {
    const keys = new Set(TERMS.map(treeKey));
    expect(keys.size).toBe(TERMS.length);
    // Every two-character term over a small alphabet mixing ASCII, A–P and Chinese: no two share a key.
    const alphabet = ["a", "p", "z", "0", "A", "P", "Q", " ", "中", "美", "\u0041", "😀"];
    const pairs = alphabet.flatMap((x) => alphabet.map((y) => x + y));
    const unique = new Set(pairs);
    expect(new Set([...unique].map(treeKey)).size).toBe(unique.size);
  });

  it("spells a Chinese character as four letters A–P, its code unit in hexadecimal", () => {
    // 中 is U+4E2D: 4 → E, E → O, 2 → C, D → N.
    expect(treeKey("中")).toBe("EOCN");
    expect(treeKey("中美")).toMatch(/^[A-P]{8}$/);
  });

  it("leaves lower-case Latin terms as they are, so they never collide with spelt characters", () => {
    expect(treeKey("tiktok")).toBe("tiktok");
    expect(treeKey("g20")).toBe("g20");
  });

  it("never puts a space inside a key, which would split it into two terms", () => {
    expect(treeKey("a b")).not.toContain(" ");
  });
});

describe("treeKeys", () => {
  it("joins the keys with spaces, one per term", () => {
    expect(treeKeys(["中", "tiktok"])).toBe("EOCN tiktok");
    expect(treeKeys([])).toBe("");
  });
});
