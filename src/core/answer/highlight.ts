import { normalize } from "../language/normalize.ts";
import { ELLIPSIS, truncate } from "../text/truncate.ts";
import type { Highlight, Quote } from "../types.ts";

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
  return merged(ranges);
}

/** The ranges sorted by start, with overlapping and touching ones joined. */
function merged(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** A run of a quote's text: a matched word to emphasise, or the text between. */
export interface Segment {
  text: string;
  emphasis: boolean;
}

/** Ranges clamped to a text of `length` units, sorted, with overlapping and touching ones joined. */
function tidy(highlights: readonly Highlight[], length: number): Array<[number, number]> {
  return merged(
    highlights
      .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
      .filter(([start, end]) => start < end),
  );
}

/**
 * A quote's text as runs, plain and emphasised, that join back to the text: what every adapter renders, each
 * wrapping the emphasised runs in its own markup (`**`, `<b>`, ANSI bold). The highlights are clamped, sorted
 * and merged first, so every platform shows the same words in bold whatever ranges it is given, and no two
 * emphasised runs ever touch (which Markdown would render as `**a****b**`).
 */
export function segments(quote: Pick<Quote, "text" | "highlights">): Segment[] {
  const { text } = quote;
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of tidy(quote.highlights, text.length)) {
    if (start > at) out.push({ text: text.slice(at, start), emphasis: false });
    out.push({ text: text.slice(start, end), emphasis: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), emphasis: false });
  return out;
}

/**
 * A quote cut to at most `max` units with an ellipsis (see `truncate`), keeping the highlights, clipped, that
 * fall in what remains. For platforms whose limits leave less room than a quote needs.
 */
export function shortenQuote(
  quote: Pick<Quote, "text" | "highlights">,
  max: number,
): Pick<Quote, "text" | "highlights"> {
  const text = truncate(quote.text, max);
  if (text === quote.text) return quote;
  const kept = text.endsWith(ELLIPSIS) ? text.length - ELLIPSIS.length : text.length;
  const highlights = tidy(quote.highlights, kept);
  return { text, highlights };
}
