import { describe, expect, it } from "vitest";
import { label, languageOf, say } from "../../src/core/reply-language.ts";

describe("languageOf", () => {
  it("reads Discord's locales", () => {
    expect(languageOf("zh-TW")).toBe("zh-Hant");
    expect(languageOf("zh-CN")).toBe("zh-Hans");
    expect(languageOf("en-US")).toBe("en");
    expect(languageOf("en-GB")).toBe("en");
  });

  it("reads Telegram's language codes", () => {
    expect(languageOf("zh-hans")).toBe("zh-Hans");
    expect(languageOf("zh-hant")).toBe("zh-Hant");
    expect(languageOf("zh-HK")).toBe("zh-Hant");
    expect(languageOf("zh")).toBe("zh-Hans");
    expect(languageOf("en")).toBe("en");
  });

  it("knows no other language, nor a missing one", () => {
    expect(languageOf("fr")).toBeUndefined();
    expect(languageOf("zhx")).toBeUndefined();
    expect(languageOf(undefined)).toBeUndefined();
  });
});

describe("say", () => {
  const phrase = { zh: "这些文章没有谈到这个问题。", en: "The articles don't cover that." };

  it("speaks one language when it is known, converting to Traditional", () => {
    expect(say(phrase, "zh-Hans")).toBe("这些文章没有谈到这个问题。");
    expect(say(phrase, "zh-Hant")).toBe("這些文章沒有談到這個問題。");
    expect(say(phrase, "en")).toBe("The articles don't cover that.");
  });

  it("speaks both, Chinese first, when it is not", () => {
    expect(say(phrase, undefined)).toBe("这些文章没有谈到这个问题。\nThe articles don't cover that.");
    expect(label({ zh: "上下文", en: "Context" }, undefined)).toBe("上下文 Context");
  });
});
