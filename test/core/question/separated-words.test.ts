import { beforeAll, describe, expect, it } from "vitest";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { joinSeparated } from "../../../src/core/question/separated-words.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

beforeAll(() => {
  createAnalyzer(loadLexicon(CONFIG_DIR)); // loads jieba's dictionaries
});

describe("joinSeparated", () => {
  it("joins a verb and its object written apart by an aspect or a count", () => {
    expect(joinSeparated("他们见完面了吗")).toContain("见面");
    expect(joinSeparated("拜登打了个电话")).toContain("打电话");
  });

  it("leaves words whose aspect character begins a word, and question words, as they are", () => {
    expect(joinSeparated("谈判已完成")).toBe("谈判已完成");
    expect(joinSeparated("我不了解")).toBe("我不了解");
    expect(joinSeparated("过了多久")).toBe("过了多久");
  });
});
