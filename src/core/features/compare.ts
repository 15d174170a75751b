import type { AppliedFilter, FilterProblem, Quote } from "../types.ts";

/** How one outlet reported a question: its best quote, or none when it did not cover it. */
export interface ComparisonSide {
  /** The outlet; null for the articles that name none. */
  publisher: string | null;
  quote: Quote | undefined;
}

/** What `Qa.compare` returns: covered outlets first, best quote first; then those that did not cover it. */
export interface Comparison {
  question: string;
  sides: ComparisonSide[];
  truncated: boolean;
  filter?: AppliedFilter;
  filterProblem?: FilterProblem;
}

/**
 * A side counts as covering the question when its best quote scores at least this share of the best side's.
 * Each outlet's best quote passes the confidence threshold alone, but one that only shares the question's common
 * words (习近平, for a question on the Busan talks) beside another outlet's report of the thing asked about is
 * another story, not that outlet's account of this one.
 */
export const COVERED_SHARE = 0.7;

/**
 * Compares outlets: asks `best` for each publisher's best quote and orders the sides, covered ones by score
 * (scores of one question are comparable), then the rest by name. No words of its own: only the quotes.
 */
export function compareOutlets(
  publishers: ReadonlyArray<string | null>,
  best: (publisher: string | null) => Quote | undefined,
): ComparisonSide[] {
  const found = [...new Set(publishers)].map((publisher) => ({ publisher, quote: best(publisher) }));
  const top = Math.max(...found.map((side) => side.quote?.score ?? Number.NEGATIVE_INFINITY));
  const sides = found.map(({ publisher, quote }) => ({
    publisher,
    quote: quote && quote.score >= COVERED_SHARE * top ? quote : undefined,
  }));
  return sides.sort(
    (a, b) =>
      (b.quote?.score ?? Number.NEGATIVE_INFINITY) - (a.quote?.score ?? Number.NEGATIVE_INFINITY) ||
      (a.publisher ?? "\uffff").localeCompare(b.publisher ?? "\uffff"),
  );
}
