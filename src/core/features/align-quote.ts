import type { QuoteToken } from "./quote-tokens.ts";

/** One step of an alignment: both words the same, one replaced, or a word only the article or the quote has. */
export type AlignStep =
  | { op: "same"; a: number; q: number }
  | { op: "replace"; a: number; q: number }
  | { op: "article-only"; a: number }
  | { op: "quote-only"; q: number };

/** How a quote lines up with a stretch of an article. */
export interface Alignment {
  /** Edits (replacements and words one side lacks) between the quote and the stretch. */
  edits: number;
  steps: AlignStep[];
  /** First and last article token of the stretch (inclusive). */
  from: number;
  to: number;
}

/**
 * Aligns a quote's words with the stretch of an article paragraph that needs the fewest edits (edit distance with
 * the paragraph's ends free: a quote is usually part of a paragraph). Words compare in normal form, so a quote in
 * the other script aligns word for word. O(quote × paragraph) time and memory; both are bounded by the caller.
 */
export function alignQuote(article: readonly QuoteToken[], quote: readonly QuoteToken[]): Alignment {
  const n = quote.length;
  const m = article.length;
  const width = m + 1;
  const cost = new Uint32Array((n + 1) * width);
  for (let i = 1; i <= n; i++) cost[i * width] = i; // the article's start is free: row 0 stays 0
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = quote[i - 1]?.norm === article[j - 1]?.norm ? 0 : 1;
      cost[i * width + j] = Math.min(
        (cost[(i - 1) * width + j - 1] ?? 0) + same,
        (cost[(i - 1) * width + j] ?? 0) + 1,
        (cost[i * width + j - 1] ?? 0) + 1,
      );
    }
  }
  let end = 0;
  // Of equal costs the later end: a dropped last word is the article's word missing, not the quote's extra.
  for (let j = 1; j <= m; j++) if ((cost[n * width + j] ?? 0) <= (cost[n * width + end] ?? 0)) end = j;
  const steps: AlignStep[] = [];
  let i = n;
  let j = end;
  while (i > 0) {
    const here = cost[i * width + j] ?? 0;
    const same = j > 0 && quote[i - 1]?.norm === article[j - 1]?.norm;
    if (j > 0 && here === (cost[(i - 1) * width + j - 1] ?? 0) + (same ? 0 : 1)) {
      steps.push({ op: same ? "same" : "replace", a: j - 1, q: i - 1 });
      i--;
      j--;
    } else if (here === (cost[(i - 1) * width + j] ?? 0) + 1) {
      steps.push({ op: "quote-only", q: i - 1 });
      i--;
    } else {
      steps.push({ op: "article-only", a: j - 1 });
      j--;
    }
  }
  steps.reverse();
  return { edits: cost[n * width + end] ?? 0, steps, from: j, to: Math.max(j, end - 1) };
}
