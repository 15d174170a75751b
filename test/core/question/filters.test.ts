import { describe, expect, it } from "vitest";
import {
  extractFilter,
  matchesFilter,
  parseDate,
  resolveFilter,
  suggestPublishers,
} from "../../../src/core/question/filters.ts";
import type { ArticleInfo } from "../../../src/core/types.ts";

const PUBLISHERS = ["BBC中文", "大纪元", "新华社", "法广 RFI"];

describe("extractFilter", () => {
  it("takes source, since and until out of a question", () => {
    expect(extractFilter("source:BBC since:2025-01 until:2025-06 拜登说了什么？")).toEqual({
      question: "拜登说了什么？",
      request: { source: "BBC", since: "2025-01", until: "2025-06" },
    });
  });

  it("reads Chinese keys, full-width colons and quoted values", () => {
    expect(extractFilter("来源：新华社 习近平说了什么")).toEqual({
      question: "习近平说了什么",
      request: { source: "新华社" },
    });
    expect(extractFilter('What did Biden say source:"法广 RFI"').request).toEqual({ source: "法广 RFI" });
  });

  it("takes an unreadable value after an English or 来源 key as a filter, never as text to search", () => {
    expect(extractFilter("习近平 since:2025-13")).toEqual({
      question: "习近平",
      request: { since: "2025-13" },
    });
    expect(extractFilter("until:yesterday 特朗普")).toEqual({
      question: "特朗普",
      request: { until: "yesterday" },
    });
    expect(extractFilter("Source:BBC").request).toEqual({ source: "BBC" });
    expect(extractFilter("SINCE:last-week 拜登").request).toEqual({ since: "last-week" });
  });

  it("leaves a date key without a date, and words that merely end in a key, in the question", () => {
    expect(extractFilter("从:北京 到:上海")).toEqual({ question: "从:北京 到:上海", request: {} });
    expect(extractFilter("resource:x 问题").request).toEqual({});
  });
});

describe("parseDate", () => {
  it("turns a year or a month into its first or last day", () => {
    expect(parseDate("2025", "start")).toBe("2025-01-01");
    expect(parseDate("2025", "end")).toBe("2025-12-31");
    expect(parseDate("2024-02", "end")).toBe("2024-02-29");
    expect(parseDate("2025年6月", "start")).toBe("2025-06-01");
    expect(parseDate("2025/6/5", "end")).toBe("2025-06-05");
  });

  it("refuses dates that do not exist", () => {
    expect(parseDate("2025-13", "start")).toBeUndefined();
    expect(parseDate("2025-02-30", "start")).toBeUndefined();
    expect(parseDate("next week", "start")).toBeUndefined();
  });
});

describe("resolveFilter", () => {
  it("matches a publisher by part of its name, in either script and any case", () => {
    expect(resolveFilter({ source: "bbc" }, PUBLISHERS).filter).toEqual({ publishers: ["BBC中文"] });
    expect(resolveFilter({ source: "大紀元" }, PUBLISHERS).filter).toEqual({ publishers: ["大纪元"] });
    expect(resolveFilter({ source: "RFI" }, PUBLISHERS).filter).toEqual({ publishers: ["法广 RFI"] });
  });

  it("refuses a since after the until, and an unreadable date", () => {
    expect(resolveFilter({ since: "2025", until: "2024" }, PUBLISHERS).problem).toEqual({
      kind: "sinceAfterUntil",
      since: "2025-01-01",
      until: "2024-12-31",
    });
    expect(resolveFilter({ until: "yesterday" }, PUBLISHERS).problem).toEqual({
      kind: "badDate",
      asked: "yesterday",
    });
  });

  it("lists the known publishers for an unknown one", () => {
    expect(resolveFilter({ source: "CNN" }, PUBLISHERS).problem).toEqual({
      kind: "unknownSource",
      asked: "CNN",
      known: ["BBC中文", "大纪元", "新华社", "法广 RFI"],
    });
  });

  it("says which date it could not read", () => {
    expect(resolveFilter({ since: "yesterday" }, PUBLISHERS).problem).toEqual({
      kind: "badDate",
      asked: "yesterday",
    });
  });

  it("applies no filter when none is asked", () => {
    expect(resolveFilter({}, PUBLISHERS)).toEqual({});
  });
});

describe("matchesFilter", () => {
  const article = (date: string | null, publisher: string | null): ArticleInfo => ({
    file: "a.md",
    title: "t",
    publisher,
    date,
    url: null,
    author: null,
  });

  it("keeps articles within the dates, inclusive, and leaves out those of unknown date", () => {
    const filter = { since: "2025-01-01", until: "2025-06-30" };
    expect(matchesFilter(filter, article("2025-01-01", null))).toBe(true);
    expect(matchesFilter(filter, article("2025-06-30", null))).toBe(true);
    expect(matchesFilter(filter, article("2025-07-01", null))).toBe(false);
    expect(matchesFilter(filter, article(null, null))).toBe(false);
  });

  it("keeps only the publishers named", () => {
    const filter = { publishers: ["新华社"] };
    expect(matchesFilter(filter, article(null, "新华社"))).toBe(true);
    expect(matchesFilter(filter, article(null, "BBC中文"))).toBe(false);
    expect(matchesFilter(filter, article(null, null))).toBe(false);
  });
});

describe("suggestPublishers", () => {
  it("offers the publishers holding what was typed, in either script and any case, those starting with it first", () => {
    expect(suggestPublishers("bbc", PUBLISHERS, 25)).toEqual(["BBC中文"]);
    expect(suggestPublishers("新華", PUBLISHERS, 25)).toEqual(["新华社"]);
    expect(suggestPublishers("rfi", ["Agence RFI", "RFI"], 25)).toEqual(["RFI", "Agence RFI"]);
    expect(suggestPublishers("CNN", PUBLISHERS, 25)).toEqual([]);
  });

  it("offers all of them, sorted, when nothing is typed, and never more than asked", () => {
    expect(suggestPublishers(" ", PUBLISHERS, 25)).toEqual(["BBC中文", "大纪元", "新华社", "法广 RFI"]);
    const many = Array.from({ length: 40 }, (_, i) => `Outlet ${String(i).padStart(2, "0")}`);
    expect(suggestPublishers("outlet", many, 25)).toEqual(many.slice(0, 25));
  });
});
