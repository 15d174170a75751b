import { describe, expect, it } from "vitest";
import { eventsOf } from "../../../../src/core/features/timeline/events.ts";
import type { Article } from "../../../../src/core/types.ts";

const article = (date: string | null, ...paragraphs: string[]): Article => ({
  file: "a.md",
  title: "t",
  publisher: "P",
  date,
  url: null,
  author: null,
  paragraphs,
});

const lines = (a: Article) => eventsOf(a).map((e) => `${e.date} ${e.kind}`);

describe("eventsOf", () => {
  it("dates a sentence by its own date, in the article's year", () => {
    expect(lines(article("2026-05-15", "5月15日上午，习近平同特朗普举行会晤。"))).toEqual([
      "2026-05-15 meeting",
    ]);
  });

  it("puts a year-less date well after the article in the year before, and follows 去年", () => {
    const a = article("2025-01-10", "12月20日两人通电话。去年11月15日两人在旧金山会面。");
    expect(lines(a)).toEqual(["2024-12-20 call", "2024-11-15 meeting"]);
  });

  it("leaves out plans: a date after the article's, or a plan word before the event in its clause", () => {
    const plans = article(
      "2025-10-31",
      "特朗普表示，他將在明年4月訪華。",
      "双方同意在2月前举行下一轮会谈。",
      "11月20日两国元首将通电话。",
      "10月28日，白宫表示两人计划会面。",
      "Officials said on October 29 that the two sides will hold talks.",
    );
    expect(lines(plans)).toEqual([]);
    const done = article("2025-10-31", "10月30日，两人在釜山会晤，双方同意继续沟通。");
    expect(lines(done)).toEqual(["2025-10-30 meeting"]);
  });

  it("lists talks and negotiations as events", () => {
    const a = article(
      "2025-11-25",
      "11月20日，中美经贸团队在日内瓦举行谈判。",
      "2025年11月21日双方继续磋商。",
    );
    expect(lines(a)).toEqual(["2025-11-20 talks", "2025-11-21 talks"]);
  });

  it("dates an event by a date in its clause, or one opening the sentence, not another clause's", () => {
    const a = article("2025-06-05", "在经过长达一年半的磋商后，双方才在2020年1月签署协议。");
    expect(lines(a)).toEqual([]);
  });

  it("dates a weekday by the article: 周二 in Wednesday's paper is the day before", () => {
    expect(lines(article("2024-04-03", "北京时间本周二晚，拜登和习近平通电话。"))).toEqual([
      "2024-04-02 call",
    ]);
  });

  it("takes the event word nearest the date, after it first", () => {
    const a = article("2024-04-03", "中美举行外交会晤，包括4月3日耶伦访华。");
    expect(lines(a)).toEqual(["2024-04-03 visit"]);
  });

  it("quotes the sentence verbatim, in its own script, with the date and the event word marked", () => {
    const [event] = eventsOf(article("2025-10-31", "當地時間10月30日，習近平與特朗普舉行會晤。"));
    expect(event?.text).toBe("當地時間10月30日，習近平與特朗普舉行會晤。");
    expect(event?.highlights.map(([s, e]) => event.text.slice(s, e))).toEqual(["10月30日", "會晤"]);
    expect(event?.at).toEqual({ file: "a.md", paragraph: 0, start: 0, end: event?.text.length });
  });

  it("skips sentences with no date, or no event, and year-less dates in an undated article", () => {
    expect(lines(article("2025-01-01", "两人通电话。", "6月5日天气很好。"))).toEqual([]);
    expect(lines(article(null, "6月5日两人通电话。"))).toEqual([]);
    expect(lines(article(null, "2025年6月5日两人通电话。"))).toEqual(["2025-06-05 call"]);
  });
});
