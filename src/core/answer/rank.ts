import type { Candidate, Field, PassageIndex } from "../index/passage-index.ts";
import type { QuestionTerms } from "../text/analyze.ts";

/** A candidate passage after re-ranking. */
export interface Ranked {
  candidate: Candidate;
  /** Final relevance, used for order. */
  score: number;
  /** How much of the question the passage covers, 0–1: the share of the question's rare terms it contains. */
  confidence: number;
}

/**
 * Re-ranks the index's candidates. BM25 alone favours passages that repeat one common word; what answers a
 * question is a passage that contains most of its rarer terms. So each candidate gets the IDF-weighted share of
 * the question's words and bigrams it contains (its coverage), blended with its BM25 score.
 */
export function rank(
  candidates: readonly Candidate[],
  question: QuestionTerms,
  index: PassageIndex,
): Ranked[] {
  const best = Math.max(...candidates.map((c) => c.score), Number.MIN_VALUE);
  const weights = {
    words: question.words.map((w) => index.idf("words", w)),
    bigrams: question.bigrams.map((b) => index.idf("bigrams", b)),
  };
  const coverage = (field: Field, matched: ReadonlySet<string>) => {
    const terms = question[field];
    const total = weights[field].reduce((sum, w) => sum + w, 0);
    if (total === 0) return undefined;
    return (
      terms.reduce((sum, term, i) => sum + (matched.has(term) ? (weights[field][i] ?? 0) : 0), 0) / total
    );
  };
  return candidates
    .map((candidate) => {
      const shares = [coverage("words", candidate.matched), coverage("bigrams", candidate.matched)].filter(
        (s): s is number => s !== undefined,
      );
      const confidence = shares.length ? shares.reduce((a, b) => a + b) / shares.length : 0;
      return { candidate, confidence, score: 0.5 * (candidate.score / best) + 0.5 * confidence };
    })
    .sort((a, b) => b.score - a.score);
}
