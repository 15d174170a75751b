import { normalize } from "../text/normalize.ts";
import type { Highlight } from "../types.ts";

/**
 * Where the question's words stand in a verbatim text: `[start, end)` ranges, sorted and merged.
 * Matching runs on the normalised text, which has the verbatim text's length, so the ranges fit both
 * (a Simplified question marks 習近平 in a Traditional quote). Pass `normal` when it is known already.
 */
export function findHighlights(
  text: string,
  terms: readonly string[],
  normal = normalize(text),
): Highlight[] {
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = normal.indexOf(term); at !== -1; at = normal.indexOf(term, at + term.length)) {
      ranges.push([at, at + term.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
