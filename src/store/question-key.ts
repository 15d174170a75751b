import { bigrams } from "../core/language/bigrams.ts";
import { normalize } from "../core/language/normalize.ts";

/**
 * What makes two questions "the same question": normalised (Simplified script, half-width, lower case), with
 * punctuation, white space and the particles that end a question (吗, 呢, 吧…) left out. 美國總統是誰？ and
 * 美国总统是谁 have one key.
 */
export function questionKey(question: string): string {
  return normalize(question)
    .replace(/[\p{P}\p{S}\s]+/gu, "")
    .replace(/[吗呢吧啊呀么]+$/u, "");
}

/** A question's pieces for `similarity`: its key's character bigrams (the index's own `bigrams`). */
export function questionPieces(question: string): string[] {
  return bigrams(questionKey(question));
}

/**
 * How alike two questions are, 0–1, from their `questionPieces`: the Dice coefficient (a Latin or number word
 * counts as one piece). 1 for the same key; word order and a few extra words lower it gradually.
 */
export function similarity(x: readonly string[], y: readonly string[]): number {
  if (x.length === 0 || y.length === 0) return 0;
  const left = new Map<string, number>();
  for (const p of x) left.set(p, (left.get(p) ?? 0) + 1);
  let shared = 0;
  for (const p of y) {
    const n = left.get(p) ?? 0;
    if (n > 0) {
      shared++;
      left.set(p, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Default similarity from which a pin answers a question: the Try and Pins pages show it. */
export const PIN_SIMILARITY = 0.75;
