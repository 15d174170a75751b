import { describe, expect, it } from "vitest";
import { cutPoint, safePrefix, truncate } from "../../../src/core/text/truncate.ts";

describe("cutPoint", () => {
  it("is the text's length when it fits", () => {
    expect(cutPoint("习近平", 3)).toBe(3);
    expect(cutPoint("习近平", 10)).toBe(3);
  });

  it("steps back rather than split a surrogate pair", () => {
    // "😀" is two UTF-16 units: cutting after the first would leave half of it.
    expect(cutPoint("ab😀cd", 3)).toBe(2);
    expect(cutPoint("ab😀cd", 4)).toBe(4);
  });

  it("is never negative", () => {
    expect(cutPoint("abc", -1)).toBe(0);
    expect(cutPoint("😀", 1)).toBe(0);
  });
});

describe("safePrefix", () => {
  it("leaves no lone surrogate however the text is cut", () => {
    const text = "问😀题𠮷答";
    for (let max = 0; max <= text.length; max++) {
      const prefix = safePrefix(text, max);
      expect(prefix.length).toBeLessThanOrEqual(max);
      expect(prefix).not.toMatch(/\p{Cs}/u);
      expect(text.startsWith(prefix)).toBe(true);
    }
  });
});

describe("truncate", () => {
  it("leaves text that fits as it is", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("exact", 5)).toBe("exact");
  });

  it("ends a cut with an ellipsis counted in the limit", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abcdef", 4, "...")).toBe("a...");
  });

  it("never splits a surrogate pair", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });
});
