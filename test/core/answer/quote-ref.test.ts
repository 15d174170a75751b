import { describe, expect, it } from "vitest";
import { decodeRef, encodeRef, refMatchesText, refNamesFile } from "../../../src/core/answer/quote-ref.ts";

const at = { file: "001_a.txt", paragraph: 3, start: 10, end: 42 };

describe("quote refs", () => {
  it("read back the place, the file and the text they were made for, in 32 ASCII characters at most", () => {
    const ref = encodeRef(at, "习近平称台湾问题是红线");
    expect(ref.length).toBeLessThanOrEqual(32);
    expect(ref).toMatch(/^[\x21-\x7e]+$/);
    const decoded = decodeRef(ref);
    expect(decoded).toMatchObject({ paragraph: 3, start: 10, end: 42 });
    if (!decoded) return;
    expect(refNamesFile(decoded, "001_a.txt")).toBe(true);
    expect(refNamesFile(decoded, "002_b.txt")).toBe(false);
    expect(refMatchesText(decoded, "习近平称台湾问题是红线")).toBe(true);
    expect(refMatchesText(decoded, "习近平称台湾问题是底线")).toBe(false);
  });

  it("are refused when malformed or empty", () => {
    expect(decodeRef("not a ref")).toBeUndefined();
    expect(decodeRef(encodeRef({ ...at, end: at.start }, "x"))).toBeUndefined();
  });
});
