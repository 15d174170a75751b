import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAnswer, formatComparison } from "../../../src/adapters/console/format.ts";
import type { Qa } from "../../../src/core/types.ts";
import { seedQa } from "../../support/seed-qa.ts";

let qa: Qa;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ qa, close } = await seedQa());
});
afterAll(() => close());

describe("the console's marks", () => {
  it("marks weak quotes, on a More page too, and names an outlet that is not given", async () => {
    const first = formatAnswer(await qa.ask("耶伦访华", { limit: 3 }));
    expect(first.split("相关度较低 weak match")).toHaveLength(2); // the third quote only
    const more = formatAnswer(await qa.ask("耶伦访华", { limit: 3, offset: 3 }));
    expect(more).toContain("相关度较低 weak match");
    const compared = formatComparison(await qa.compare("耶伦访华"));
    expect(compared).toContain("[来源未注明 Source not given]");
    expect(compared).not.toContain("[—]");
  });
});
