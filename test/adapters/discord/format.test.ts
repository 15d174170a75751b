import { describe, expect, it } from "vitest";
import {
  emphasise,
  escapeText,
  footerText,
  safeUrl,
  URL_LIMITS,
  unescapeText,
} from "../../../src/adapters/discord/format.ts";
import { BBC, XINHUA } from "../../support/fake-qa.ts";

describe("escapeText", () => {
  it("escapes emphasis, code, spoilers, links, headings, quotes and mentions", () => {
    expect(escapeText("**bold** _it_ `code` ||spoiler|| ~~gone~~")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~gone\\~\\~",
    );
    expect(escapeText("[click](https://evil.example)")).toBe("\\[click\\](https://evil.example)");
    expect(escapeText("# 标题\n> 引用\n- 列表\n-# small")).toBe("\\# 标题\n\\> 引用\n\\- 列表\n\\-# small");
    expect(escapeText("@everyone @here <@123> <@&456>")).toBe(
      "\\@everyone \\@here \\<\\@123\\> \\<\\@&456\\>",
    );
  });

  it("leaves Chinese text and ordinary punctuation alone", () => {
    const text = "包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。2024-04-03";
    expect(escapeText(text)).toBe(text);
  });

  it("is undone exactly by unescapeText, backslashes included", () => {
    for (const text of ["a\\*b", "\\", "**x** \\\\ _y_ @everyone <@1> # h", "1. list\n- item", "😀\\😀"]) {
      expect(unescapeText(escapeText(text))).toBe(text);
    }
  });
});

describe("emphasise", () => {
  const quote = {
    text: "美国财长耶伦将访华，*不是*演习。",
    highlights: [
      [4, 6],
      [7, 9],
    ] as [number, number][],
  };

  it("puts matched words in bold and escapes the rest", () => {
    expect(emphasise(quote)).toBe("美国财长**耶伦**将**访华**，\\*不是\\*演习。");
  });

  it("joins touching highlights into one bold run, and keeps spaces outside the markers", () => {
    expect(
      emphasise({
        text: "Janet Yellen visits",
        highlights: [
          [0, 6],
          [6, 12],
        ],
      }),
    ).toBe("**Janet Yellen** visits");
    expect(emphasise({ text: "Yellen visits", highlights: [[6, 13]] })).toBe("Yellen **visits**");
  });

  it("ignores highlights outside the text", () => {
    expect(
      emphasise({
        text: "耶伦",
        highlights: [
          [1, 9],
          [5, 7],
        ],
      }),
    ).toBe("耶**伦**");
  });

  it("cuts a long quote to the limit, with an ellipsis, keeping the Markdown whole", () => {
    const long = { text: "耶伦*".repeat(1000), highlights: [[0, 2]] as [number, number][] };
    const markdown = emphasise(long, 100);
    expect(markdown.length).toBeLessThanOrEqual(100);
    expect(markdown.startsWith("**耶伦**\\*耶伦\\*")).toBe(true);
    expect(markdown.endsWith("…")).toBe(true);
    expect(markdown.replace(/\\\*/g, "")).not.toMatch(/(?<!\*)\*(?!\*)/);
  });
});

describe("footerText", () => {
  it("is publisher · title · date, leaving out what is unknown", () => {
    expect(footerText(BBC)).toBe("BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03");
    expect(footerText(XINHUA)).toBe("新华社 · 习近平同美国总统特朗普在中南海小范围会晤");
  });
});

describe("safeUrl", () => {
  it("accepts http(s) links only, with parentheses encoded for Markdown", () => {
    expect(safeUrl("https://example.com/a_(b)")).toBe("https://example.com/a_%28b%29");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });

  it("drops a link longer than the limit given (a button's 512), which Discord would refuse", () => {
    const long = `https://example.com/${"a".repeat(600)}`;
    expect(safeUrl(long)).toBe(long);
    expect(safeUrl(long, URL_LIMITS.button)).toBeUndefined();
    expect(safeUrl(`https://example.com/${"a".repeat(2100)}`)).toBeUndefined();
  });
});
