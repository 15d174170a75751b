import { describe, expect, it } from "vitest";
import {
  answerComponents,
  CUSTOM_ID_LIMIT,
  decodeMore,
  encodeMore,
  isMoreButton,
} from "../../../src/adapters/discord/components.ts";
import type { ArticleInfo, Quote } from "../../../src/core/types.ts";
import { fakeLocation } from "../../support/fake-parts.ts";
import { BBC, RFI, XINHUA } from "../../support/fake-qa.ts";

const quote = (article: ArticleInfo): Quote => ({
  text: "…",
  highlights: [],
  score: 1,
  article,
  alsoReportedBy: [],
  ...fakeLocation(article, "…"),
});

describe("encodeMore / decodeMore", () => {
  it("keeps offset, count and question in the custom ID when they fit", () => {
    const id = encodeMore({ offset: 3, count: 3, question: "耶伦哪天访华？" });
    expect(id).toBe("more:3:3:耶伦哪天访华？");
    expect(decodeMore(id)).toEqual({ offset: 3, count: 3, question: "耶伦哪天访华？" });
  });

  it("keeps colons in the question", () => {
    expect(decodeMore("more:1:2:Q: what? A: this")?.question).toBe("Q: what? A: this");
  });

  it("drops a question that would pass 100 characters, leaving it to the message", () => {
    const id = encodeMore({ offset: 3, count: 2, question: "问".repeat(CUSTOM_ID_LIMIT) });
    expect(id).toBe("more:3:2");
    expect(decodeMore(id)).toEqual({ offset: 3, count: 2, question: undefined });
  });

  it("reads nothing from other custom IDs", () => {
    expect(decodeMore("sources")).toBeUndefined();
    expect(decodeMore("more:x:1:q")).toBeUndefined();
  });
});

describe("answerComponents", () => {
  it("puts More on a row of its own, never beside a link, then one link button per article, five to a row", () => {
    const quotes = [BBC, RFI, XINHUA, BBC].map(quote);
    const extra = Array.from({ length: 4 }, (_, i) => quote({ ...RFI, url: `https://www.rfi.fr/cn/${i}` }));
    const rows = answerComponents([...quotes, ...extra], "more:3:3:q");
    expect(rows.map((row) => row.components.length)).toEqual([1, 5, 1]);
    expect(rows[0]?.components[0]).toEqual({
      type: 2,
      style: 1,
      custom_id: "more:3:3:q",
      label: "更多 More",
    });
    expect(rows[1]?.components[0]).toEqual({
      type: 2,
      style: 5,
      url: BBC.url,
      label: "BBC中文 · 2024-04-03",
    });
    expect(rows.flatMap((row) => row.components).filter((b) => "url" in b && b.url === BBC.url)).toHaveLength(
      1,
    );
  });

  it("lays three quotes, More, 👍/👎 and three links out in two rows, More apart from the links", () => {
    const quotes = [BBC, RFI, { ...BBC, url: "https://example.com/3" }].map((article, i) => ({
      ...quote(article),
      number: 4 + i,
    }));
    const rows = answerComponents(quotes, "more:6:3:q", { offset: 3, question: "q" }, "en");
    expect(
      rows.map((row) =>
        row.components.map((b) => ("label" in b && b.label) || ("emoji" in b && b.emoji?.name)),
      ),
    ).toEqual([
      ["Context 4", "Context 5", "Context 6", "More"],
      ["👍", "👎", "BBC中文 · 2024-04-03", "RFI · 2024-04-02", "BBC中文 · 2024-04-03"],
    ]);
  });

  it("has no buttons for answers without links or further quotes", () => {
    expect(answerComponents([quote(XINHUA)], undefined)).toEqual([]);
  });
});

describe("isMoreButton", () => {
  it("tells the More button from link buttons", () => {
    expect(isMoreButton({ type: 2, custom_id: "more:1:1" })).toBe(true);
    expect(isMoreButton({ type: 2 })).toBe(false);
  });
});
