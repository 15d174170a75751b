import { describe, expect, it } from "vitest";
import { headline, phrases } from "../../src/core/messages.ts";
import { addedParts, type Refusal, refusalPhrase, verdictParts } from "../../src/core/news-phrases.ts";
import { say } from "../../src/core/reply-language.ts";

describe("refusalPhrase", () => {
  const refusals: Refusal[] = [
    { kind: "already" },
    { kind: "notArticle" },
    { kind: "teaser" },
    { kind: "wrongType", wanted: "page", type: "image/png" },
    { kind: "wrongType", wanted: "feed", type: "" },
    { kind: "tooLarge", megabytes: "5.0" },
    { kind: "unreachable", detail: "HTTP 404" },
    { kind: "slow", detail: "0.5 s" },
    { kind: "slow" },
    { kind: "robots" },
    { kind: "robotsUnreadable", detail: "HTTP 503" },
    { kind: "private" },
    { kind: "notLink" },
    { kind: "notHttp", scheme: "ftp" },
    { kind: "credentials" },
    { kind: "failed", detail: "EACCES" },
  ];

  it("says every refusal in Chinese and in English, the technical detail as it is", () => {
    for (const refusal of refusals) {
      const { zh, en } = refusalPhrase(refusal);
      expect(zh).toMatch(/\p{Script=Han}/u);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
      for (const detail of Object.values(refusal).slice(1).filter(Boolean)) {
        if (detail === "page") continue; // what was wanted is said in words, not repeated
        expect(zh).toContain(detail);
        expect(en).toContain(detail);
      }
    }
  });

  it("keeps the English the log and the CLI have always shown", () => {
    expect(refusalPhrase({ kind: "wrongType", wanted: "page", type: "" }).en).toBe(
      "not HTML (no content type)",
    );
    expect(refusalPhrase({ kind: "slow", detail: "0.5 s" }).en).toBe("unreachable: took longer than 0.5 s");
    expect(refusalPhrase({ kind: "unreachable", detail: "HTTP 404" }).en).toBe("unreachable: HTTP 404");
  });

  it("is said in Traditional Chinese for a Traditional reader", () => {
    expect(say(refusalPhrase({ kind: "notArticle" }), "zh-Hant")).toBe("不是文章（頁面上沒有正文）");
  });
});

describe("headline", () => {
  it("joins title, publisher and date, leaving out what an article lacks", () => {
    expect(headline({ title: "美国宣布加征关税", publisher: "环球新闻网", date: "2025-07-02" })).toBe(
      "美国宣布加征关税 · 环球新闻网 · 2025-07-02",
    );
    expect(headline({ title: "美国宣布加征关税", publisher: null, date: "2025-07-02" })).toBe(
      "美国宣布加征关税 · 2025-07-02",
    );
  });
});

describe("phrases.news", () => {
  it("counts new articles: one is 'New article', more are numbered", () => {
    expect(phrases.news.newArticles(1)).toEqual({ zh: "新文章", en: "New article" });
    expect(phrases.news.newArticles(3)).toEqual({ zh: "3 篇新文章", en: "3 new articles" });
  });

  it("lists the topics one follows in each language's way", () => {
    expect(phrases.news.following("关税", "稀土")).toMatchObject({
      zh: "你关注的话题：关税、稀土",
      en: "You follow: 关税, 稀土",
    });
  });

  it("keeps a user's topic as written when the rest is said in Traditional", () => {
    expect(say(phrases.news.following("关税", "稀土"), "zh-Hant")).toBe("你關注的話題：关税、稀土");
    expect(say(phrases.news.unfollowed("关税"), "zh-Hant")).toBe("不再關注“关税”。");
    expect(say(phrases.news.followed("美国"), "zh-Hans")).toBe("有新文章提到“美国”时会私信通知你。");
  });

  it("names every verdict and every kind of difference", () => {
    expect(Object.keys(phrases.news.verdicts).sort()).toEqual(["nearly", "none", "verbatim"]);
    expect(Object.keys(phrases.news.differences).sort()).toEqual([
      "name",
      "negation",
      "number",
      "script",
      "wording",
    ]);
  });
});

describe("addedParts and verdictParts", () => {
  it("give every door the same words: the lead with its colon, the passages, the verdict and its mark", () => {
    expect(addedParts({ added: true, passages: 3 }, "en")).toEqual({
      lead: "Added: ",
      passages: "3 passages",
    });
    expect(addedParts({ added: true, passages: 3 }, "zh-Hans")).toEqual({
      lead: "已添加：",
      passages: "3 个段落",
    });
    expect(addedParts({ added: false, refusal: { kind: "credentials" } }, "en")).toEqual({
      lead: "Not added: refused: links with a user name or password are not fetched",
    });
    const quote = { text: "x" } as never;
    const nearly = verdictParts({ verdict: "nearly", quote }, "zh-Hant");
    expect([nearly.mark, nearly.lead, nearly.colon, nearly.difference("number")]).toEqual([
      "⚠️",
      "接近，但有出入：",
      "：",
      "數字",
    ]);
    const none = verdictParts({ verdict: "none" }, undefined);
    expect([none.mark, none.lead, none.colon]).toEqual([
      "❌",
      "文章中没有这句话。 Not found in the articles.",
      ": ",
    ]);
  });
});
