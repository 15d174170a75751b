import { createRequire } from "node:module";

/** The part of `wink-lemmatizer` used: one lemmatizer per part of speech (WordNet's exception lists and rules). */
interface Lemmatizer {
  verb(word: string): string;
  noun(word: string): string;
  adjective(word: string): string;
}

let lemmatizer: Lemmatizer | undefined;

/**
 * The dictionary forms of an English word other than itself, as verb, noun and adjective: won → win, led → lead,
 * oldest → old, discovered → discover. Suffix rules (`stems`) cannot undo irregular forms, and CC-CEDICT lists some
 * inflected forms under other senses (won, the Korean currency; LED), which hid the word's own.
 * `wink-lemmatizer` (MIT; WordNet's exception lists) is loaded on the first English question (about 0.3 s and 20 MB, once).
 */
export function lemmas(word: string): string[] {
  lemmatizer ??= createRequire(import.meta.url)("wink-lemmatizer") as Lemmatizer;
  const { verb, noun, adjective } = lemmatizer;
  return [...new Set([verb(word), noun(word), adjective(word)])].filter((lemma) => lemma !== word);
}
