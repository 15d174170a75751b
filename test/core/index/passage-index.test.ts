import { beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../../src/core/corpus/read-corpus.ts";
import { PassageIndex } from "../../../src/core/index/passage-index.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { normalize } from "../../../src/core/language/normalize.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { loadSearchSettings, type SearchSettings } from "../../../src/core/settings.ts";
import type { Article } from "../../../src/core/types.ts";
import { CONFIG_DIR, SEEDS_DIR } from "../../support/seed-qa.ts";

const settings = loadSearchSettings(CONFIG_DIR);
const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
let articles: Article[];
beforeAll(async () => {
  articles = (await readCorpus(SEEDS_DIR, new Map())).articles;
});

function indexWith(patch: Partial<SearchSettings>): PassageIndex {
  const index = PassageIndex.create(analyzer, { ...settings, ...patch });
  for (const article of articles) index.add(article, { hash: article.file, stamp: "" });
  return index;
}

describe("the lookup budget", () => {
  // Common words (中国, 美国, 表示) are in many passages; 耶伦 in few.
  const question = analyzer.question("中国和美国的官员表示耶伦哪天访华？");
  const everything = { commonTermShare: 1, cheapTermPassages: 0, lookupBudget: 1_000_000 };
  const rareOnly = { commonTermShare: 0, cheapTermPassages: 0, lookupBudget: 1_000_000 };

  it("bounds how many passages a question makes the index score", () => {
    const all = indexWith(everything).find(question, 1000).length;
    const bounded = indexWith({ ...everything, lookupBudget: 5 }).find(question, 1000).length;
    expect(all).toBeGreaterThan(20);
    expect(bounded).toBeLessThan(all / 2);
  });

  it("still looks up the question's rarest term (耶伦, in 3 passages), and only it when the budget is spent", () => {
    const found = indexWith({ ...everything, lookupBudget: 1 }).find(question, 1000);
    expect(found).toHaveLength(3);
    for (const { passage } of found) expect(normalize(passage.text)).toContain("耶伦");
  });

  it("looks up the next rarest term (官员) whenever the budget allows, however common", () => {
    const found = indexWith(rareOnly).find(question, 1000);
    const texts = found.map(({ passage }) => normalize(passage.text));
    for (const text of texts) expect(text).toMatch(/耶伦|官员/);
    expect(texts.filter((text) => !text.includes("耶伦")).length).toBeGreaterThan(0);
  });

  it("looks up every term in at most cheapTermPassages passages, whatever its share", () => {
    const texts = (cheap: number) =>
      indexWith({ ...rareOnly, cheapTermPassages: cheap })
        .find(question, 1000)
        .map(({ passage }) => normalize(passage.text));
    expect(texts(0).some((text) => !/耶伦|官员/.test(text))).toBe(false);
    // With a floor above every term's count, passages holding only the question's commoner words are found too.
    const all = texts(1_000_000);
    expect(all.some((text) => !/耶伦|官员/.test(text))).toBe(true);
    expect(all.length).toBe(indexWith(everything).find(question, 1000).length);
  });
});

describe("postings", () => {
  const article = (file: string, paragraph: string): Article => ({
    file,
    title: file,
    publisher: null,
    date: null,
    url: null,
    author: null,
    paragraphs: [paragraph],
  });
  // 北京北京: the word 北京 (twice), the bigrams 北京 (twice) and 京北. 北京 and 上海: the word and the bigram.
  const twice = article("twice.txt", "北京北京。");
  const beijing = article("beijing.txt", "北京。");
  const shanghai = article("shanghai.txt", "上海。");
  const indexOf = (...added: Article[]) => {
    const index = PassageIndex.create(analyzer, settings);
    for (const a of added) index.add(a, { hash: a.file, stamp: "" });
    return index;
  };

  it("counts each (term, passage) pair once per field: a repeated term once, a shared term per passage", () => {
    expect(indexOf(twice).postings()).toBe(3);
    // Five distinct terms, but 北京 is in two passages in both fields.
    expect(indexOf(twice, beijing, shanghai).postings()).toBe(7);
  });

  it("drops an article's postings when it is removed, and survives a save and restore", () => {
    const index = indexOf(twice, beijing, shanghai);
    index.remove("twice.txt");
    expect(index.postings()).toBe(4);
    expect(PassageIndex.fromJSON(index.toJSON(), analyzer, settings).postings()).toBe(4);
    for (const file of ["beijing.txt", "shanghai.txt"]) index.remove(file);
    expect(index.postings()).toBe(0);
  });
});
