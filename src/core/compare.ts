import type { AppliedFilter, FilterProblem, Quote } from "./types.ts";

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
 * (scores of one question are comparable), then the rest by name. No words of its own: only the quotes.
 */
export function compareOutlets(
  publishers: ReadonlyArray<string | null>,
  best: (publisher: string | null) => Quote | undefined,
): ComparisonSide[] {
  const sides = [...new Set(publishers)].map((publisher) => ({ publisher, quote: best(publisher) }));
  return sides.sort(
    (a, b) =>
      (b.quote?.score ?? Number.NEGATIVE_INFINITY) - (a.quote?.score ?? Number.NEGATIVE_INFINITY) ||
      (a.publisher ?? "\uffff").localeCompare(b.publisher ?? "\uffff"),
  );
}
