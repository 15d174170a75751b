import { CONFIDENT_SHARE } from "../answer/cut-quotes.ts";
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
 * Compares outlets: asks `best` for each publisher's best quote and orders the sides, covered ones by score
 * (each is its outlet's best, so their scores compare), then the rest by name. An outlet covers the question
 * when `best` finds a quote: the answer-or-abstain decision is /ask's, not a stricter one. A quote scoring below
 * `CONFIDENT_SHARE` of the best side's is marked weak, as /ask marks one, not dropped: an outlet that reports
 * the thing asked in other words (耶伦将前往中国 for 耶伦访华) scores below one that repeats the question's.
 * No words of its own: only the quotes.
 */
export function compareOutlets(
  publishers: ReadonlyArray<string | null>,
  best: (publisher: string | null) => Quote | undefined,
): ComparisonSide[] {
  const found = [...new Set(publishers)].map((publisher) => ({ publisher, quote: best(publisher) }));
  const top = Math.max(...found.map((side) => side.quote?.score ?? Number.NEGATIVE_INFINITY));
  const sides = found.map(({ publisher, quote }): ComparisonSide => {
    if (!quote) return { publisher, quote };
    const { number: _number, ...shown } = quote; // its place in its own outlet's answer, which /compare does not show
    return { publisher, quote: { ...shown, weak: quote.score < CONFIDENT_SHARE * top } };
  });
  return sides.sort(
    (a, b) =>
      (b.quote?.score ?? Number.NEGATIVE_INFINITY) - (a.quote?.score ?? Number.NEGATIVE_INFINITY) ||
      (a.publisher ?? "\uffff").localeCompare(b.publisher ?? "\uffff"),
  );
}
