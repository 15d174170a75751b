import { describe, expect, it } from "vitest";
import { bigrams, HAN_WORD } from "../../../src/core/language/bigrams.ts";

describe("bigrams", () => {
  it("cuts Han runs into overlapping bigrams and keeps Latin and number words whole", () => {
    expect(bigrams("超级碗 nfl 49届")).toEqual(["超级", "级碗", "nfl", "49", "届"]);
  });

  it("keeps a lone Han character as it is", () => {
    expect(bigrams("碗")).toEqual(["碗"]);
  });

  it("knows a word of two Han characters or more", () => {
    expect(HAN_WORD.test("超级碗")).toBe(true);
    expect(HAN_WORD.test("碗")).toBe(false);
    expect(HAN_WORD.test("超级bowl")).toBe(false);
  });
});
