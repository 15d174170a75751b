import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  formatAnswer,
  formatArticleList,
  formatQuote,
  highlightHtml,
  MAX_MESSAGE_LENGTH,
  sourceLine,
} from "../../../src/adapters/telegram/format.ts";
import { formatComparison } from "../../../src/adapters/telegram/format-views.ts";
import { messages } from "../../../src/core/messages.ts";
import type { Answer, ArticleInfo, Comparison, Quote } from "../../../src/core/types.ts";
import { fakeLocation } from "../../support/fake-parts.ts";
import { BBC, BUSAN, RFI } from "../../support/fake-qa.ts";
import { telegramHtmlError } from "./telegram-html.ts";

const BUSAN_TEXT =
  "當地時間10月30日，中國國家主席習近平在韓國釜山與美國總統特朗普舉行會晤，這場持續1小時40分鐘的高層溝通超出原定的時間安排，對外釋放了中美關係的積極信號。";

function quote(text: string, extra: Partial<Quote> = {}): Quote {
  return {
    text,
    highlights: [],
    score: 1,
    article: BBC,
    alsoReportedBy: [],
    ...fakeLocation(BBC, text),
    ...extra,
  };
}

function answer(quotes: Quote[], extra: Partial<Answer> = {}): Answer {
  return { question: "q", quotes, hasMore: false, truncated: false, ...extra };
}

describe("escapeHtml", () => {
  it("escapes the characters Telegram's HTML mode treats as markup", () => {
    expect(escapeHtml('<b>&"</b>')).toBe("&lt;b&gt;&amp;&quot;&lt;/b&gt;");
  });
});

describe("highlightHtml", () => {
  it("puts bold around the highlight ranges of Traditional-script text", () => {
    expect(
      highlightHtml({
        text: BUSAN_TEXT,
        highlights: [
          [17, 20],
          [23, 25],
        ],
      }),
    ).toBe(
      "當地時間10月30日，中國國家主席<b>習近平</b>在韓國<b>釜山</b>與美國總統特朗普舉行會晤，這場持續1小時40分鐘的高層溝通超出原定的時間安排，對外釋放了中美關係的積極信號。",
    );
  });

  it("counts ranges in UTF-16 units, so characters outside the BMP shift them by two", () => {
    expect(highlightHtml({ text: "𠮷野家的耶伦", highlights: [[5, 7]] })).toBe("𠮷野家的<b>耶伦</b>");
  });

  it("escapes inside and outside the bold parts", () => {
    expect(highlightHtml({ text: "a<b>&c", highlights: [[4, 5]] })).toBe("a&lt;b&gt;<b>&amp;</b>c");
  });
});

describe("sourceLine", () => {
  it("links publisher · title · date to the article", () => {
    expect(sourceLine(BBC)).toBe(
      '— <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
    );
  });

  it("says the source is not given and links nothing without a publisher or URL", () => {
    expect(sourceLine(BUSAN)).toBe("— 来源未注明 Source not given · 中美釜山會晤與「新G2」 · 2025-10-31");
    expect(sourceLine({ ...BUSAN, untitled: true })).toBe("— 来源未注明 Source not given · 2025-10-31");
  });

  it("escapes the URL and the parts, and refuses links that are not http(s)", () => {
    const odd: ArticleInfo = { ...BBC, publisher: "A&B", url: 'https://x.test/?a=1&b="2"' };
    expect(sourceLine(odd)).toBe(
      '— <a href="https://x.test/?a=1&amp;b=&quot;2&quot;">A&amp;B · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
    );
    expect(sourceLine({ ...BBC, url: "javascript:alert(1)" })).not.toContain("<a");
  });
});

describe("formatAnswer", () => {
  it("says plainly that the articles do not cover a question the core abstained on", () => {
    expect(formatAnswer(answer([], { abstained: "not-covered" }))).toEqual({
      html: messages.notFound,
      shown: 0,
    });
  });

  it("renders each quote as a blockquote with its source and who else reported it", () => {
    const html = formatAnswer(
      answer([quote("拜登与习近平周二通话", { highlights: [[6, 8]], article: RFI, alsoReportedBy: [BBC] })]),
    ).html;
    expect(html).toBe(
      [
        "<blockquote>拜登与习近平<b>周二</b>通话</blockquote>",
        '— <a href="https://www.rfi.fr/cn/中国/20240402-拜登习近平通话-在台湾和高技术出口问题上针锋相对">RFI · 拜登习近平通话 在台湾和高技术出口问题上针锋相对 · 2024-04-02</a>',
        '也见于 Also reported by: <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
      ].join("\n"),
    );
  });

  it("numbers each quote as its Context button does, marks a weak one, and speaks the user's language", () => {
    const quotes = [quote("耶伦", { number: 4 }), quote("访华", { number: 5, weak: true })];
    const html = formatAnswer(answer(quotes), MAX_MESSAGE_LENGTH, "zh-Hans").html;
    expect(html).toMatch(/^<b>4\.<\/b>\n<blockquote>耶伦<\/blockquote>/);
    expect(html).toContain("\n\n<b>5.</b> <i>相关度较低</i>\n<blockquote>访华</blockquote>");
    const also = formatAnswer(
      answer([quote("耶伦", { alsoReportedBy: [BUSAN] })]),
      MAX_MESSAGE_LENGTH,
      "zh-Hans",
    );
    expect(also.html).toContain("也见于: 来源未注明 · 中美釜山會晤與「新G2」 · 2025-10-31");
    expect(also.html).not.toContain("Also reported by");
  });

  it("starts with the notice when the question was cut", () => {
    const html = formatAnswer(answer([quote("耶伦")], { truncated: true })).html;
    expect(html.startsWith(`${messages.truncated(500)}\n\n<blockquote>耶伦</blockquote>`)).toBe(true);
  });

  it("drops whole quotes that would pass 4,096 characters and says how many it showed", () => {
    const long = quote("耶".repeat(300), { highlights: [[0, 2]] });
    const block = formatQuote(long) ?? "";
    const { html, shown } = formatAnswer(answer(Array.from({ length: 40 }, () => long)));
    expect(shown).toBe(Math.floor((MAX_MESSAGE_LENGTH + 2) / (block.length + 2)));
    expect(html).toBe(Array.from({ length: shown }, () => block).join("\n\n"));
    expect(telegramHtmlError(html)).toBeUndefined();
  });

  it("shortens the also-reported list, then the quote, rather than break the markup", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ...BBC, title: `报道 ${i}` }));
    const listed = formatAnswer(answer([quote("耶伦访华", { alsoReportedBy: many })])).html;
    expect(listed).toContain("等 397 篇 and 397 more");
    const dense = quote("&".repeat(300), {
      highlights: Array.from({ length: 150 }, (_, i) => [2 * i, 2 * i + 1] as const),
    });
    const tight = formatAnswer(answer([dense]), 1500).html;
    expect(tight.length).toBeLessThanOrEqual(1500);
    expect(tight.startsWith("<blockquote><b>&amp;</b>&amp;<b>&amp;</b>")).toBe(true);
    expect(tight).toContain("…</blockquote>");
    for (const html of [listed, tight]) expect(telegramHtmlError(html)).toBeUndefined();
  });
});

describe("formatArticleList", () => {
  it("lists each article as a linked source line", () => {
    expect(formatArticleList([BBC, BUSAN])).toBe(
      [
        "文章 Articles (2):",
        '• <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
        "• 来源未注明 Source not given · 中美釜山會晤與「新G2」 · 2025-10-31",
      ].join("\n"),
    );
  });

  it("stops before 4,096 characters and says how many are left out", () => {
    const html = formatArticleList(Array.from({ length: 1000 }, (_, i) => ({ ...BBC, title: `第 ${i} 篇` })));
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(html).toMatch(/\n等 (\d+) 篇 and \1 more$/);
    expect(telegramHtmlError(html)).toBeUndefined();
  });
});

describe("formatComparison", () => {
  it("names an outlet without a publisher 来源未注明, not —", () => {
    const comparison = {
      question: "q",
      truncated: false,
      sides: [
        { publisher: "BBC中文", quote: quote("耶伦", { article: BBC }) },
        { publisher: null, quote: undefined },
      ],
    } as unknown as Comparison;
    const html = formatComparison(comparison, "zh-Hans");
    expect(html).toContain("文章没有谈到: 来源未注明");
    expect(html).not.toContain("—,");
    expect(formatComparison(comparison, "en")).toContain("Not covered: Source not given");
  });
});
