import { normalize } from "../language/normalize.ts";

/** One word of a text as quote checking compares them: a Han character, a number, or a run of letters. */
export interface QuoteToken {
  /** As written. */
  raw: string;
  /** Simplified script, half-width, lower case (`normalize`): what matches across scripts. */
  norm: string;
  /** `[start, end)` in the text. */
  start: number;
  end: number;
}

/** A Han character alone, a number with its separators (1,000 or 3.5), or a run of letters of another script. */
const TOKEN = /\p{Script=Han}|[0-9]+(?:[.,][0-9]+)*|[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu;

/**
 * The words of a text, punctuation and spacing left out: a quote is the same words whatever its commas and
 * quotation marks. `normalize` keeps lengths, so offsets into the normalised text are offsets into the text.
 */
export function quoteTokens(text: string): QuoteToken[] {
  const normal = normalize(text);
  const tokens: QuoteToken[] = [];
  for (const match of normal.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    tokens.push({ raw: text.slice(start, end), norm: match[0], start, end });
  }
  return tokens;
}

/** The pairs of neighbouring normalised tokens: what finds the candidate paragraphs of a quote. */
export function tokenPairs(tokens: readonly QuoteToken[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) pairs.push(`${tokens[i]?.norm}\u0001${tokens[i + 1]?.norm}`);
  if (tokens.length === 1 && tokens[0]) pairs.push(tokens[0].norm);
  return pairs;
}
