import { describe, expect, it } from "vitest";
import { COVERED_SHARE, compareOutlets } from "../../../src/core/features/compare.ts";
import type { Quote } from "../../../src/core/types.ts";

const quote = (score: number) => ({ score }) as Quote;

describe("compareOutlets", () => {
  it("orders covered outlets by score and counts one far below the best as not covering it", () => {
    const best = new Map<string | null, Quote>([
      ["BBC中文", quote(0.9)],
      ["新华社", quote(0.9 * COVERED_SHARE)],
      ["法广 RFI", quote(0.9 * COVERED_SHARE - 0.01)],
    ]);
    const sides = compareOutlets(["法广 RFI", "新华社", "BBC中文", null], (p) => best.get(p));
    expect(sides.map((s) => [s.publisher, s.quote?.score])).toEqual([
      ["BBC中文", 0.9],
      ["新华社", 0.9 * COVERED_SHARE],
      ["法广 RFI", undefined],
      [null, undefined],
    ]);
  });
});
