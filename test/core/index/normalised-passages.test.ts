import { describe, expect, it } from "vitest";
import { createNormaliser } from "../../../src/core/index/normalised-passages.ts";
import type { Passage } from "../../../src/core/index/port.ts";

const passage = (text: string): Passage => ({ file: "a.md", text, at: [0, 0, text.length] });

describe("createNormaliser", () => {
  it("gives a Traditional passage its Simplified text and leaves a normal one as it is", () => {
    const normalised = createNormaliser();
    expect(normalised(1, passage("習近平發表講話"))).toEqual({
      ...passage("習近平發表講話"),
      normal: "习近平发表讲话",
    });
    const plain = passage("习近平发表讲话");
    expect(normalised(2, plain)).toBe(plain);
  });

  it("stays right for passages found again, however many were found in between", () => {
    const normalised = createNormaliser();
    const texts = Array.from({ length: 3_000 }, (_, i) => `第${i}條：臺灣`);
    for (const [id, text] of texts.entries()) normalised(id, passage(text));
    for (const id of [0, 1_500, 2_999]) {
      expect(normalised(id, passage(texts[id] ?? "")).normal).toBe(`第${id}条:台湾`);
    }
  });
});
