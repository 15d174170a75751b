import { describe, expect, it } from "vitest";
import type { Evidence } from "../../../src/core/answer/evidence.ts";
import { phraseFit, rank, termWeights } from "../../../src/core/answer/rank.ts";
import { titleShare } from "../../../src/core/answer/title-fit.ts";
import type { Candidate, CorpusStats, Field } from "../../../src/core/index/port.ts";
import type { QuestionTerms } from "../../../src/core/question/analyse.ts";
import type { ArticleInfo } from "../../../src/core/types.ts";

const article = (file: string, date: string | null, title = file): ArticleInfo => ({
  file,
  title,
  publisher: null,
  date,
  url: null,
  author: null,
});
const ARTICLES = new Map([
  ["old.md", article("old.md", "2024-04-02")],
  ["new.md", article("new.md", "2025-10-30")],
  ["yellen.md", article("yellen.md", null, "耶倫訪華")],
  ["doctor-who.md", article("doctor-who.md", null, "Doctor_Who")],
]);

/** Corpus statistics where 耶伦 is rare and 中美 common. */
const stats: CorpusStats = {
  idf: (_field, term) => ({ 耶伦: 3, 访华: 2, 中美: 0.5 })[term] ?? 1,
  article: (file) => ARTICLES.get(file),
};

function question(words: string[], extra: Partial<QuestionTerms> = {}): QuestionTerms {
  return {
    words,
    bigrams: [],
    forms: words.map((w) => [w]),
    highlights: words,
    recent: false,
    type: "other",
    alternatives: [],
    names: [],
    pinyinNames: [],
    glossaryNames: [],
    english: false,
    specificity: words.map(() => 10),
    runs: [],
    ...extra,
  };
}

let nextId = 0;
function candidate(text: string, score: number, file = "old.md"): Candidate {
  return { id: nextId++, passage: { file, text, at: [0, 0, text.length] }, score };
}

/** Evidence of dates only, written as digits with 月 and 日. */
const DATES: Evidence = { of: (type) => (type === "date" ? (s) => /\d+月\d+日/.test(s) : undefined) };

const EVEN = {
  bm25: 0,
  passage: 0.5,
  sentence: 0.5,
  kind: 0,
  recency: 0,
  title: 0,
  characters: 0,
  phrase: 0,
};

describe("termWeights", () => {
  it("weighs each word and bigram by its IDF, with totals", () => {
    const weights = termWeights(question(["耶伦", "中美"], { bigrams: ["访华"] }), stats);
    expect(weights.words).toEqual([
      { forms: ["耶伦"], weight: 3, specificity: [10] },
      { forms: ["中美"], weight: 0.5, specificity: [10] },
    ]);
    expect(weights.bigrams).toEqual([{ term: "访华", weight: 2 }]);
    expect(weights.wordTotal).toBe(3.5);
    expect(weights.bigramTotal).toBe(2);
  });

  it("gives an English question no bigrams: its few Latin ones would be half of its coverage", () => {
    // "Who sang the anthem at Super Bowl 50?": the number is the question's only bigram; a passage repeating
    // "50" and none of the translations would cover half of it.
    const english = question(["50", "国歌"], { bigrams: ["50"], english: true });
    const weights = termWeights(english, stats);
    expect(weights.bigrams).toEqual([]);
    const [ranked] = rank([candidate("关税下调50%。", 1)], english, stats, EVEN);
    expect(ranked?.confidence).toBe(0.5);
  });
});

describe("termWeights of a translation the word index lacks", () => {
  // jieba cuts 超级碗 (CC-CEDICT's Super Bowl) into 超级 and 碗: the corpus writes it, but it is no word of the index.
  const idfs: Record<Field, Record<string, number>> = {
    words: { 超级: 2, 碗: 2.5 },
    bigrams: { 超级: 2, 级碗: 4 },
  };
  const split: CorpusStats = {
    idf: (field, term) => idfs[field][term] ?? 7,
    article: (file) => ARTICLES.get(file),
  };
  // The analyzer gives an English question its translations' bigrams, so that both engines count them.
  const superBowl = question(["super", "超级碗", "超级杯"], {
    english: true,
    alternatives: [[0, 1, 2]],
    bigrams: ["超级", "级碗", "级杯"],
  });

  it("uses it when the corpus holds all of its bigrams, weighed as the rarest of them", () => {
    const weights = termWeights(superBowl, split);
    // 超级杯's bigram 级杯 is nowhere, nor is the Latin word: only 超级碗 is used.
    expect(weights.words).toEqual([{ forms: ["超级碗"], weight: 4, specificity: [10] }]);
    const [ranked] = rank([candidate("第 50 届超级碗在圣克拉拉举行。", 1)], superBowl, split, EVEN);
    expect(ranked?.confidence).toBe(1);
  });

  it("does not use it when its bigrams are not the question's: an engine would not have counted them", () => {
    const unasked = { ...superBowl, bigrams: [] };
    expect(termWeights(unasked, split).words).toEqual([{ forms: [], weight: 7, specificity: [] }]);
  });
});

describe("phraseFit", () => {
  it("measures the longest stretch of a run the text repeats, white space aside, against all the runs", () => {
    // Nine characters in all, seven past two: 拔除插头测试 is four past two, 拔除插头 two.
    expect(phraseFit(["拔除插头测试", "第一次"], "拔除插头测试于 1967年1月27日 上午开始。")).toBe(4 / 7);
    expect(phraseFit(["拔除插头测试", "第一次"], "1月按照计划进行“拔除插头”测试。")).toBe(2 / 7);
    expect(phraseFit(["第49届超级碗"], "第 49 届 超级碗")).toBe(1);
  });

  it("gives nothing for a stretch of two characters, which coverage counts, or for no runs", () => {
    expect(phraseFit(["拔除插头测试"], "插头坏了。")).toBe(0);
    // One name as the longest run: naming it is not repeating the question.
    expect(phraseFit(["习近平", "特朗普", "釜山", "谈"], "习近平出席会议。")).toBe(1 / 7);
    expect(phraseFit(["国歌"], "国歌响起。")).toBe(0);
    expect(phraseFit([], "国歌响起。")).toBe(0);
  });
});

describe("rank", () => {
  it("puts the passage with the question's rare words above one that repeats a common word", () => {
    const common = candidate("中美中美中美，中美关系。", 10);
    const rare = candidate("耶伦访华。", 2);
    const ranked = rank([common, rare], question(["耶伦", "中美"]), stats, EVEN);
    expect(ranked.map((r) => r.candidate)).toEqual([rare, common]);
    expect(ranked[0]?.confidence).toBeCloseTo(3 / 3.5);
  });

  it("follows the engine's score alone when only its weight is set", () => {
    const low = candidate("耶伦访华。", 1);
    const high = candidate("中美关系。", 5);
    const ranked = rank([low, high], question(["耶伦"]), stats, {
      ...EVEN,
      bm25: 1,
      passage: 0,
      sentence: 0,
    });
    expect(ranked.map((r) => r.candidate)).toEqual([high, low]);
    expect(ranked[0]?.score).toBe(1);
  });

  it("prefers newer articles for a question about the latest events", () => {
    const older = candidate("耶伦访华。", 1, "old.md");
    const newer = candidate("耶伦访华。", 1, "new.md");
    const weights = { ...EVEN, recency: 0.1 };
    expect(rank([older, newer], question(["耶伦"]), stats, weights)[0]?.candidate).toBe(older);
    const recent = rank([older, newer], question(["耶伦"], { recent: true }), stats, weights);
    expect(recent[0]?.candidate).toBe(newer);
    expect((recent[0]?.score ?? 0) - (recent[1]?.score ?? 0)).toBeCloseTo(0.1);
  });

  it("adds the kind weight when the best sentence holds an answer of the type asked for", () => {
    const dated = candidate("耶伦在4月3日访华。", 1);
    const undated = candidate("耶伦访华引人关注。", 1);
    const weights = { ...EVEN, kind: 0.05 };
    const ranked = rank(
      [undated, dated],
      question(["耶伦"], { type: "date" }),
      stats,
      weights,
      undefined,
      DATES,
    );
    expect(ranked[0]?.candidate).toBe(dated);
    expect(ranked[0]?.window.kindMatch).toBe(true);
    expect(ranked[0]?.score).toBeCloseTo((ranked[1]?.score ?? 0) + 0.05);
  });

  it("tests no evidence in passages that trail the top places by more than the kind weight", () => {
    const tested: string[] = [];
    const spy: Evidence = {
      of: () => (sentence) => {
        tested.push(sentence);
        return true;
      },
    };
    const close = Array.from({ length: 6 }, (_, i) => candidate(`耶伦访华第${i}天。`, 1));
    const far = candidate("中美关系。", 1);
    rank(
      [...close, far],
      question(["耶伦", "访华"], { type: "date" }),
      stats,
      { ...EVEN, kind: 0.05 },
      undefined,
      spy,
    );
    expect(tested).toHaveLength(6);
    expect(tested).not.toContain("中美关系。");
  });

  it("prefers the article whose title the question names, by the title weight", () => {
    const other = candidate("她访华。", 1, "old.md");
    const titled = candidate("她访华。", 1, "yellen.md");
    const asked = question(["耶伦", "访华"], { bigrams: ["耶伦", "访华"] });
    const untitled = rank([other, titled], asked, stats, EVEN);
    expect(untitled[0]?.score).toBeCloseTo(untitled[1]?.score ?? 0);
    const ranked = rank([other, titled], asked, stats, { ...EVEN, title: 0.2 });
    expect(ranked.map((r) => r.candidate)).toEqual([titled, other]);
    // 耶倫訪華 is 耶伦, 伦访, 访华 once simplified: the question names two of its three bigrams.
    expect((ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0)).toBeCloseTo((0.2 * 2) / 3);
  });

  it("counts the Latin words an English question keeps among its terms against a Latin title", () => {
    // "What type of Lord is Doctor Who?": "doctor" is translated (医生), and stays one of its own alternatives.
    const other = candidate("时间领主。", 1, "old.md");
    const titled = candidate("时间领主。", 1, "doctor-who.md");
    const asked = question(["doctor", "医生", "领主"], { english: true, alternatives: [[0, 1]] });
    const ranked = rank([other, titled], asked, stats, { ...EVEN, title: 0.2 });
    expect(ranked.map((r) => r.candidate)).toEqual([titled, other]);
    // The title's Latin words are "doctor" and "who": the question names one of two.
    expect((ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0)).toBeCloseTo(0.2 / 2);
  });

  it("prefers, by the characters weight, the passage that keeps characters of a word it paraphrases", () => {
    const unrelated = candidate("耶伦访华。", 1);
    const paraphrase = candidate("耶伦访华，需求上升。", 1);
    const asked = question(["耶伦", "需要"]);
    const plain = rank([unrelated, paraphrase], asked, stats, EVEN);
    expect(plain[0]?.score).toBeCloseTo(plain[1]?.score ?? 0);
    const ranked = rank([unrelated, paraphrase], asked, stats, { ...EVEN, characters: 0.2 });
    expect(ranked.map((r) => r.candidate)).toEqual([paraphrase, unrelated]);
    // An English question's words are alternative translations: their characters do not count.
    const english = rank([unrelated, paraphrase], { ...asked, english: true }, stats, {
      ...EVEN,
      characters: 0.2,
    });
    expect(english[0]?.score).toBeCloseTo(english[1]?.score ?? 0);
  });

  it("prefers, by the phrase weight, the passage that repeats a stretch of the question as it is", () => {
    // 谁赢得了第 49 届超级碗: both passages hold every term; only one names the 49th.
    const other = candidate("他带领野马队赢得第 33 届超级碗。", 1);
    const named = candidate("他们击败了第 49 届超级碗卫冕冠军爱国者队。", 1);
    const asked = question(["赢得", "49", "超级碗"], { runs: ["赢得", "第49届超级碗"] });
    const ranked = rank([other, named], asked, stats, { ...EVEN, passage: 0, sentence: 0, phrase: 0.2 });
    expect(ranked.map((r) => r.candidate)).toEqual([named, other]);
    // The runs hold 9 characters, 7 past two; 第49届超级碗 is 5 past two, the other's 届超级碗 2.
    expect(ranked[0]?.score).toBeCloseTo((0.2 * 5) / 7);
    expect(ranked[1]?.score).toBeCloseTo((0.2 * 2) / 7);
  });

  it("counts the information of an English window as the most specific form of each term it holds", () => {
    // "What did Yellen plan?": 耶伦 is one term; 计划 and 规划 are two translations of one term.
    const english = question(["耶伦", "计划", "规划"], {
      english: true,
      alternatives: [[1, 2]],
      specificity: [16, 8, 11],
    });
    // Every word is in the corpus (an IDF below that of the empty word, which no passage holds).
    const held: CorpusStats = { ...stats, idf: (_field, term) => (term === "" ? 5 : 1) };
    const [both] = rank([candidate("耶伦的计划与规划。", 1)], english, held, EVEN);
    expect(both?.information).toBe(16 + 11);
    const [common] = rank([candidate("今年的计划。", 1)], english, held, EVEN);
    expect(common?.information).toBe(8);
    const chinese = rank([candidate("耶伦的计划。", 1)], { ...english, english: false }, held, EVEN);
    expect(chinese[0]?.information).toBe(0);
  });

  it("returns nothing for no candidates", () => {
    expect(rank([], question(["耶伦"]), stats, EVEN)).toEqual([]);
  });
});

describe("titleShare", () => {
  it("is the share of the title's bigrams the question holds, in either script", () => {
    expect(titleShare("戰國無雙3", new Set(["战国", "国无", "无双", "3", "角色"]))).toBe(1);
    expect(titleShare("战国无双3", new Set(["战国", "3"]))).toBe(0.5);
    expect(titleShare("梵文", new Set(["战国"]))).toBe(0);
  });

  it("is 0 for a title with nothing to match", () => {
    expect(titleShare("", new Set(["战国"]))).toBe(0);
    expect(titleShare("——", new Set(["战国"]))).toBe(0);
  });
});
