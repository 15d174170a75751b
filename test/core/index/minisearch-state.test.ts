import { beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../../src/core/corpus/read-corpus.ts";
import { PassageIndex } from "../../../src/core/index/passage-index.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { normalize } from "../../../src/core/language/normalize.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { loadSearchSettings } from "../../../src/core/settings.ts";
import type { Article } from "../../../src/core/types.ts";
import { CONFIG_DIR, SEEDS_DIR } from "../../support/seed-qa.ts";

const settings = loadSearchSettings(CONFIG_DIR);
const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
let articles: Article[];
beforeAll(async () => {
  articles = (await readCorpus(SEEDS_DIR, new Map())).articles;
});

const QUESTIONS = ["耶伦哪天访华？", "習近平在哪裡發表講話？", "中国和美国的官员表示了什么", "Yellen visit"];

function built(): PassageIndex {
  const index = PassageIndex.create(analyzer, settings);
  for (const article of articles) index.add(article, { hash: article.file, stamp: "" });
  return index;
}

const restored = (index: PassageIndex) =>
  PassageIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())), analyzer, settings);

describe("saved terms", () => {
  it("are number lists: a tree key, then per field its id and (gap, count) pairs", () => {
    const { terms } = built().toJSON();
    expect(terms.length).toBeGreaterThan(100);
    for (const [key, ...fields] of terms) {
      expect(key).toMatch(/^\S+$/);
      for (const [fieldId, ...pairs] of fields) {
        expect([0, 1]).toContain(fieldId);
        expect(pairs.length % 2).toBe(0);
        expect(pairs.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
      }
    }
  });

  it("restore an index that finds the same passages with the same scores, in the same order", () => {
    const index = built();
    // A removed and a re-added article: short ids no longer in order of addition.
    const [first, second] = articles;
    if (!first || !second) throw new Error("the seeds have at least two articles");
    index.remove(first.file);
    index.add(first, { hash: "again", stamp: "" });
    const loaded = restored(index);
    for (const question of QUESTIONS) {
      const terms = analyzer.question(question);
      expect(loaded.find(terms, 15)).toEqual(index.find(terms, 15));
    }
    expect(loaded.postings()).toBe(index.postings());
    // Saved again, the same terms (the radix tree may list them in another order, which searching ignores).
    const byKey = (i: PassageIndex) => new Map(i.toJSON().terms.map(([key, ...fields]) => [key, fields]));
    expect(byKey(restored(loaded))).toEqual(byKey(index));
  });

  it("keep passages verbatim only; candidates carry the normalised text re-ranking reads", () => {
    const index = built();
    expect(index.toJSON().passages.every(([, p]) => p.normal === undefined)).toBe(true);
    const found = restored(index).find(analyzer.question("習近平"), 15);
    expect(found.length).toBeGreaterThan(0);
    for (const { passage } of found) expect(passage.normal ?? passage.text).toBe(normalize(passage.text));
  });
});
