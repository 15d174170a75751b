import { HAN } from "../language/bigrams.ts";
import type { TermWeights, Window } from "./passage-fit.ts";

/** The Han characters of the question's words, each weighed as the heaviest word it stands in. */
export function characterWeights(weights: TermWeights): Map<string, number> {
  const characters = new Map<string, number>();
  for (const word of weights.words)
    for (const form of word.forms)
      for (const character of form)
        if (HAN.test(character) && (characters.get(character) ?? 0) < word.weight)
          characters.set(character, word.weight);
  return characters;
}

/**
 * How much of the question's words a passage holds character by character, 0–1: the weighted share of their
 * characters in the answer window, averaged with the share in the whole passage. A question that paraphrases its
 * article keeps a character of a word it changes (需要 for 需求, 时代 for 时期, 演唱 for 献唱), which neither
 * the words nor the bigrams see.
 */
export function characterCoverage(
  normal: string,
  window: Pick<Window, "start" | "end">,
  characters: ReadonlyMap<string, number>,
): number {
  let total = 0;
  let inWindow = 0;
  let inPassage = 0;
  const windowText = normal.slice(window.start, window.end);
  for (const [character, weight] of characters) {
    total += weight;
    if (!normal.includes(character)) continue;
    inPassage += weight;
    if (windowText.includes(character)) inWindow += weight;
  }
  return total > 0 ? (inWindow + inPassage) / (2 * total) : 0;
}
