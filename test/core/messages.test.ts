import { describe, expect, it } from "vitest";
import { help, helpText, MAX_ECHO_LENGTH, phrases } from "../../src/core/messages.ts";
import { label, type Phrase, say } from "../../src/core/reply-language.ts";

/** Every phrase in the table, functions called with a sample value ("3": a number or a user's word). */
function allPhrases(table: object): Phrase[] {
  return Object.values(table).flatMap((value): Phrase[] => {
    if (typeof value === "function") return [value("3")];
    if ("zh" in value && "en" in value) return [value as Phrase];
    return allPhrases(value);
  });
}

describe("phrases", () => {
  it("says everything in Chinese and in English", () => {
    for (const phrase of allPhrases(phrases)) {
      expect(phrase.zh).toMatch(/\p{Script=Han}/u);
      expect(phrase.en).toMatch(/^[\x20-\x7e\n]+$/);
    }
  });

  it("keeps command descriptions within Discord's 100 characters a language", () => {
    for (const phrase of allPhrases({ ...phrases.commands, ...phrases.askOptions })) {
      expect(phrase.en.length).toBeLessThanOrEqual(100);
      expect(phrase.zh.length).toBeLessThanOrEqual(100);
    }
  });
});

describe("say and label, with no language known", () => {
  it("puts Chinese first, a line each; labels on one line", () => {
    expect(say(phrases.noMore)).toBe("没有更多引文了。\nNo further quotes.");
    expect(label(phrases.more)).toBe("更多 More");
  });
});

describe("help", () => {
  const articles = [
    { file: "a.md", title: "A", publisher: "BBC中文", date: "2024-04-03", url: null, author: null },
    { file: "b.md", title: "B", publisher: null, date: "2025-10-30", url: null, author: null },
  ];

  it("names how many articles it knows and the dates they span, in both languages", () => {
    expect(help(articles).zh).toContain("2 篇新闻文章（2024-04-03 – 2025-10-30）");
    expect(help(articles).en).toContain("from 2 news articles");
    expect(helpText(articles)).toBe(`${help(articles).zh}\n\n${help(articles).en}`);
  });

  it("writes commands with the platform's prefix", () => {
    expect(help(articles, "!").en).toContain("!ask What did Biden say about TikTok?");
  });
});

describe("echoes of the user's words", () => {
  it("repeats at most MAX_ECHO_LENGTH characters of an unknown source or date, the cut marked", () => {
    const long = "x".repeat(4000);
    for (const phrase of [phrases.unknownSource(long), phrases.badDate(long)]) {
      expect(phrase.en).toContain(`"${"x".repeat(MAX_ECHO_LENGTH - 1)}…"`);
      expect(phrase.en.length).toBeLessThan(MAX_ECHO_LENGTH + 80);
    }
    expect(phrases.unknownSource("CNN").en).toBe('No articles from "CNN". The sources indexed:');
  });
});
