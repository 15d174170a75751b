/**
 * Analysed terms as PostgreSQL text-search values. The terms come from citebot's own analyser (jieba words and
 * character bigrams), so they are written as `tsvector` literals, never passed through a PostgreSQL parser or
 * dictionary. The two fields share one `tsvector`, told apart by weight: words `A`, bigrams `B` (a two-character
 * word is also a bigram, and the two count apart, as in MiniSearch's two fields). Each lexeme also starts with its
 * field's letter (`A李白`, `B李白`): RUM keeps one posting list per lexeme whatever its weights, so without the
 * prefix a lookup of the bigram 为 (575 passages at 125k) walked the word 为's list (60,125) and ranked them all.
 */
import type { Terms } from "../../question/analyse.ts";
import type { Field } from "../port.ts";

/** The weight letter of each field. */
export const WEIGHT: Record<Field, "A" | "B"> = { words: "A", bigrams: "B" };

/**
 * A weight no stored position has (the fields use A and B): the reader marks the lexemes it looks up with it, so
 * that keeping the positions of this weight keeps exactly those lexemes.
 */
export const MARK_WEIGHT = "C";

/** A tsvector allows positions up to this. */
const MAX_POSITION = 16_383;

/** A lexeme quoted for a tsvector or tsquery literal: quotes and backslashes doubled. */
export function quoteLexeme(term: string): string {
  return `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** The lexeme a term of a field is stored as: the field's weight letter, then the term. */
export function lexemeOf(field: Field, term: string): string {
  return `${WEIGHT[field]}${term}`;
}

/** A passage's terms as a `tsvector` literal: every occurrence with its position and its field's weight. */
export function toTsvector(terms: Terms): string {
  const parts: string[] = [];
  let position = 0;
  for (const field of ["words", "bigrams"] as const) {
    for (const term of terms[field]) {
      position = Math.min(position + 1, MAX_POSITION);
      parts.push(`${quoteLexeme(lexemeOf(field, term))}:${position}${WEIGHT[field]}`);
    }
  }
  return parts.join(" ");
}

/** A `tsquery` literal matching any of the terms, each only in its own field; empty when there are none. */
export function toTsquery(terms: Record<Field, readonly string[]>): string {
  const parts: string[] = [];
  for (const field of ["words", "bigrams"] as const) {
    for (const term of terms[field]) parts.push(`${quoteLexeme(lexemeOf(field, term))}:${WEIGHT[field]}`);
  }
  return parts.join(" | ");
}
