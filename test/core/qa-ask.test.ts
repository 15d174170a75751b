import { beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../src/core/corpus/read-corpus.ts";
import { toPassages } from "../../src/core/corpus/sentences.ts";
import { asSearchIndex } from "../../src/core/index/minisearch-index.ts";
import { PassageIndex } from "../../src/core/index/passage-index.ts";
import { loadLexicon } from "../../src/core/language/lexicon.ts";
import { ask as askWith, type Pipeline } from "../../src/core/qa.ts";
import { createAnalyzer } from "../../src/core/question/analyse.ts";
import { loadSearchSettings, type SearchSettings } from "../../src/core/settings.ts";
import { CONFIG_DIR, SEEDS_DIR } from "../support/seed-qa.ts";

const settings = loadSearchSettings(CONFIG_DIR);
const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
let index: PassageIndex;
beforeAll(async () => {
  index = PassageIndex.create(analyzer, settings);
  for (const article of (await readCorpus(SEEDS_DIR, new Map())).articles)
    index.add(article, { hash: "test", stamp: "test" });
});
const pipeline = (patch: Partial<SearchSettings> = {}, now = () => new Date()): Pipeline => {
  const search = asSearchIndex(index);
  return {
    index: search,
    analyzer,
    settings: { ...settings, ...patch },
    articles: () => search.articles(),
    now,
  };
};
const ask = (question: string, patch: Partial<SearchSettings> = {}) => askWith(pipeline(patch), question);

describe("answer", () => {
  it("folds the same fact from another article into 'also reported by'", async () => {
    const quotes = (await ask("习近平称台湾问题是中美关系第一条不可逾越的红线")).quotes;
    const redLine = quotes.filter((q) => q.text.includes("不可逾越的"));
    expect(redLine).toHaveLength(1);
    const sources = [
      redLine[0]?.article.file,
      ...(redLine[0]?.alsoReportedBy.map((a) => a.file) ?? []),
    ].sort();
    expect(sources).toEqual(["001_a3cf32f92385dae4.txt", "002_206a002612bb7ab9.txt"]);
  });

  it("quotes only the sentences that carry the answer when asked to", async () => {
    const whole = (await ask("中美政府间对话机制最多时有多少个", { quote: "passage" })).quotes[0];
    const sentence = (await ask("中美政府间对话机制最多时有多少个", { quote: "sentences" })).quotes[0];
    expect(whole?.text.length).toBeGreaterThan(sentence?.text.length ?? 0);
    expect(sentence?.text).toBe("在歷史上，中美政府間對話機制最多時曾有100多個。");
  });

  it("keeps a dated question to articles of that time", async () => {
    const undated = (await ask("特朗普访华期间参观了哪里？")).quotes;
    expect(undated[0]?.text).toContain("天坛");
    const dated = (await ask("特朗普2026年5月访华期间参观了哪里？")).quotes;
    expect(dated[0]?.text).toContain("天坛");
    expect(dated.map((q) => q.article.date)).not.toContain("2025-10-31");
  });

  it("keeps a day without a year to articles of that day and passages naming it", async () => {
    const quotes = (await ask("4月2日拜登和习近平谈了什么")).quotes;
    expect(quotes.length).toBeGreaterThan(0);
    // The 2024-04-02 call (RFI that day, BBC the day after), not the 2025 Trump–Xi articles.
    for (const quote of quotes) expect(["2024-04-02", "2024-04-03"]).toContain(quote.article.date);
    const english = (await ask("What did Biden and Xi discuss on April 2?")).quotes;
    expect(english.length).toBeGreaterThan(0);
    for (const quote of english) expect(["2024-04-02", "2024-04-03"]).toContain(quote.article.date);
  });

  it("keeps a month without a year to articles of that month, and drops an English month's words", async () => {
    // The articles write 6月5日, not "June" (CC-CEDICT's 六月): as words, it would only count against them.
    const quotes = (await ask("When did Trump and Xi have their phone call in June?")).quotes;
    expect(quotes[0]?.text).toContain("6月5日");
    for (const quote of quotes) expect(quote.article.date?.slice(0, 7)).toBe("2025-06");
  });

  it("answers who wrote the article from its own byline sentence, verbatim", async () => {
    // The Busan commentary signs off 本文作者是…趙明昊 (its metadata's author); the question does not say 趙明昊.
    const signed = (await ask("釜山会晤的文章作者是谁？")).quotes[0];
    expect(signed?.text).toBe("本文作者是復旦大學美國研究中心副主任、教授趙明昊。");
    expect(signed?.article.author).toBe("趙明昊");
    // BBC's byline is a list block: 陈岩 / BBC中文记者.
    expect((await ask("BBC这篇文章的记者是谁")).quotes[0]?.text).toBe("陈岩 BBC中文记者");
  });

  it("counts 去年 from the clock it is given", async () => {
    const question = "去年10月习近平和特朗普在哪里会晤";
    const in2026 = await askWith(
      pipeline({}, () => new Date("2026-06-01T00:00:00Z")),
      question,
    );
    expect(in2026.quotes[0]?.article.date).toBe("2025-10-31");
    const in2025 = await askWith(
      pipeline({}, () => new Date("2025-06-01T00:00:00Z")),
      question,
    );
    expect(in2025.quotes.map((q) => q.article.date)).not.toContain("2025-10-31");
  });

  it("prefers the newest article when the question asks for the latest", async () => {
    const latest = (await ask("最近一次两国元首会晤")).quotes[0];
    expect(latest?.article.date).toBe("2026-05-15");
  });

  it("abstains below the confidence threshold, says so, and answers when it is lowered", async () => {
    // It shares one word (元首) with the articles: lowered, the threshold lets those quotes through.
    const abstained = await ask("如何用面包招待元首");
    expect(abstained.quotes).toEqual([]);
    expect(abstained.abstained).toBe("below-confidence");
    const answered = await ask("如何用面包招待元首", { minConfidence: 0 });
    expect(answered.quotes.length).toBeGreaterThan(0);
    expect(answered.abstained).toBeUndefined();
  });

  it("says the articles do not cover a question none of whose words they hold", async () => {
    const answer = await ask("zyxwv qwertz");
    expect(answer.quotes).toEqual([]);
    expect(answer.abstained).toBe("not-covered");
  });

  it("says a filter that leaves no article matched nothing, and one naming no outlet too", async () => {
    const none = await ask("特朗普访华 since:2030");
    expect(none).toMatchObject({
      quotes: [],
      abstained: "filter-matched-nothing",
      filter: { since: "2030-01-01" },
      filterProblem: { kind: "noArticles", filter: { since: "2030-01-01" } },
    });
    const unknown = await ask("特朗普访华 source:NoSuchOutlet");
    expect(unknown).toMatchObject({ quotes: [], abstained: "filter-matched-nothing" });
    expect(unknown.filterProblem?.kind).toBe("unknownSource");
  });

  it("refuses a filter it cannot read instead of searching it as text", async () => {
    for (const question of ["习近平 since:2025-13", "特朗普 until:yesterday"]) {
      const answer = await ask(question);
      expect(answer).toMatchObject({ quotes: [], filterProblem: { kind: "badDate" } });
      expect(answer.abstained).toBe("filter-matched-nothing");
    }
    const reversed = await askWith(pipeline(), "耶伦", { filter: { since: "2025", until: "2024" } });
    expect(reversed.filterProblem).toEqual({
      kind: "sinceAfterUntil",
      since: "2025-01-01",
      until: "2024-12-31",
    });
  });

  it("cuts a long question to the one limit and says so", async () => {
    const answer = await ask(`特朗普访华期间参观了哪里？${"很".repeat(600)}`);
    expect(answer.truncated).toBe(true);
    expect(answer.question.length).toBe(500);
  });

  it("never shows a quote that shares no word with the question, whatever the threshold", async () => {
    expect((await ask("如何做面包", { minConfidence: 0 })).quotes).toEqual([]);
  });

  it("counts a character the question quotes as a word the quote must share (“稳”这个字一般表示什么)", async () => {
    const { quotes } = await ask("“稳”这个字一般表示什么？", { minConfidence: 0 });
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(quote.text).toMatch(/稳|一般|表示/);
  });
});

describe("toPassages", () => {
  const paragraph = "第一句。第二句话。第三句话长一点。第四句。";
  it("cuts whole sentences into passages of at most maxLength, each located in the paragraph", async () => {
    const cuts = toPassages(paragraph, 10);
    expect(cuts.map((c) => c.text)).toEqual(["第一句。第二句话。", "第三句话长一点。", "第四句。"]);
    for (const cut of cuts) expect(paragraph.slice(cut.start, cut.end)).toBe(cut.text);
  });

  it("overlaps passages by half when asked, so every sentence also stands mid-passage", async () => {
    expect(toPassages(paragraph, 13, true).map((c) => c.text)).toEqual([
      "第一句。第二句话。",
      "第二句话。第三句话长一点。",
      "第三句话长一点。第四句。",
    ]);
  });

  it("cuts a sentence longer than maxLength at clause marks", async () => {
    const long = `${"很长的分句，".repeat(10)}结束。`;
    const cuts = toPassages(long, 20);
    expect(cuts.every((c) => c.text.length <= 20)).toBe(true);
    expect(cuts.map((c) => c.text).join("")).toBe(long);
  });
});
