import { describe, expect, it } from "vitest";
import { type DecideParts, decide } from "../../../src/core/answer/decide.ts";
import type { Ranked } from "../../../src/core/answer/rank.ts";
import type { Found } from "../../../src/core/answer/retrieve.ts";
import type { Scoped } from "../../../src/core/answer/scope.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { parseQuestion } from "../../../src/core/question/parse.ts";
import { SEARCH_DEFAULTS } from "../../../src/core/settings.ts";
import type { ArticleInfo } from "../../../src/core/types.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
const now = new Date("2026-06-01T00:00:00Z");
const parts = { analyzer, settings: SEARCH_DEFAULTS } as unknown as DecideParts;
const dates: Record<string, string | null> = {
  "old.txt": "2024-04-02",
  "new.txt": "2025-10-31",
  "none.txt": null,
};

/** A ranked passage of `file` with this confidence. */
function ranked(file: string, confidence: number): Ranked {
  const passage = { file, text: "文本", at: [0, 0, 2] as [number, number, number] };
  const window = { start: 0, end: 2, coverage: 1, kindMatch: false };
  const features = {} as Ranked["features"];
  return {
    candidate: { id: 0, passage, score: 1 },
    score: confidence,
    confidence,
    window,
    information: 0,
    features,
  };
}

function found(question: ReturnType<typeof parseQuestion>): Found {
  const article = (file: string) =>
    ({
      file,
      title: file,
      publisher: null,
      date: dates[file] ?? null,
      url: null,
      author: null,
    }) as ArticleInfo;
  return { terms: question.terms, retrieval: { candidates: [], idf: () => 0, article } };
}

const undated: Scoped = { dated: false };

describe("decide", () => {
  it("says the articles do not cover a question nothing was found for", async () => {
    const question = parseQuestion("特朗普访华", now, analyzer);
    expect(await decide(parts, question, undated, found(question), [])).toEqual({ abstained: "not-covered" });
  });

  it("abstains below the confidence threshold, and answers with the passages above it", async () => {
    const question = parseQuestion("特朗普访华", now, analyzer);
    const low = ranked("new.txt", SEARCH_DEFAULTS.minConfidence - 0.01);
    expect(await decide(parts, question, undated, found(question), [low])).toEqual({
      abstained: "below-confidence",
    });
    const high = ranked("old.txt", SEARCH_DEFAULTS.minConfidence);
    const decision = await decide(parts, question, undated, found(question), [high, low]);
    expect(decision).toEqual({ answer: [high] });
  });

  it("keeps a dated question to articles of its date, or of no known date, where articles carry dates", async () => {
    const question = parseQuestion("去年10月特朗普访华", now, analyzer);
    const passages = [ranked("old.txt", 1), ranked("new.txt", 1), ranked("none.txt", 1)];
    const decision = await decide(parts, question, { dated: true }, found(question), passages);
    expect(decision.abstained ? [] : decision.answer.map((r) => r.candidate.passage.file)).toEqual([
      "new.txt",
      "none.txt",
    ]);
    const none = await decide(parts, question, { dated: true }, found(question), [ranked("old.txt", 1)]);
    expect(none).toEqual({ abstained: "not-covered" });
    const ignored = await decide(parts, question, undated, found(question), [ranked("old.txt", 1)]);
    expect(ignored.abstained).toBeUndefined();
  });

  it("asks less confidence of an English question every term of which the corpus writes", async () => {
    const question = parseQuestion("What did Biden say about TikTok?", now, analyzer);
    /** A corpus that writes these words (IDF 1) and no other (IDF 10, that of the empty word). */
    const writing = (words: string[]): Found => {
      const idf = (_field: string, term: string) => (words.includes(term) ? 1 : 10);
      return { ...found(question), retrieval: { ...found(question).retrieval, idf } };
    };
    const { minConfidenceEnglish, minConfidenceEnglishWritten } = SEARCH_DEFAULTS;
    const between = { ...ranked("new.txt", (minConfidenceEnglish + minConfidenceEnglishWritten) / 2) };
    const passage = { ...between, information: 100 };
    const everyTerm = await decide(parts, question, undated, writing(["拜登", "tiktok"]), [passage]);
    expect(everyTerm).toEqual({ answer: [passage] });
    // TikTok is a word this corpus never writes: the question may be about something else it does not cover.
    const notEvery = await decide(parts, question, undated, writing(["拜登"]), [passage]);
    expect(notEvery).toEqual({ abstained: "below-confidence" });
  });
});
