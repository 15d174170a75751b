import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIDENT_SHARE } from "../../../src/core/answer/cut-quotes.ts";
import type { Qa } from "../../../src/core/types.ts";
import { seedQa } from "../../support/seed-qa.ts";

let qa: Qa;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ qa, close } = await seedQa());
});
afterAll(() => close());

describe("weak quotes", () => {
  it("flags quotes far below the answer's best, on the first page and on a More page", async () => {
    const first = await qa.ask("耶伦访华", { limit: 3 });
    const best = first.quotes[0]?.score ?? 0;
    // The two BBC quotes name 耶伦 and 访华; RFI's third names only 耶伦 (前往中国).
    expect(first.quotes.map((q) => q.weak)).toEqual([false, false, true]);
    const more = await qa.ask("耶伦访华", { limit: 3, offset: 3 });
    expect(more.quotes.length).toBeGreaterThan(0);
    expect(more.quotes.map((q) => q.weak)).toEqual(more.quotes.map(() => true));
    expect(more.quotes.every((q) => q.score < CONFIDENT_SHARE * best)).toBe(true);
  });
});

describe("quote numbers", () => {
  it("numbers quotes across pages, so a More page goes on from the last", async () => {
    const first = await qa.ask("耶伦访华", { limit: 3 });
    const more = await qa.ask("耶伦访华", { limit: 3, offset: 3 });
    expect(first.quotes.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(more.quotes.map((q) => q.number)).toEqual(more.quotes.map((_, i) => 4 + i));
  });
});
