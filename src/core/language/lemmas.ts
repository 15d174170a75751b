import { createRequire } from "node:module";

/** The part of `wink-lemmatizer` used: one lemmatizer per part of speech (WordNet's exception lists and rules). */
interface Lemmatizer {
  verb(word: string): string;
  noun(word: string): string;
  adjective(word: string): string;
}

let lemmatizer: Lemmatizer | undefined;

/**
 * Loads `wink-lemmatizer` (MIT; WordNet's exception lists): about 0.2 s and 20 MB, once per process. The analyzer
 * does it up front, with jieba, so that the first English word of a question does not hold every other one up.
 */
export function loadLemmatizer(): Lemmatizer {
  lemmatizer ??= createRequire(import.meta.url)("wink-lemmatizer") as Lemmatizer;
  return lemmatizer;
}

/**
 * The dictionary forms of an English word other than itself, as verb, noun and adjective: won → win, led → lead,
 * oldest → old, discovered → discover. Suffix rules (`stems`) cannot undo irregular forms, and CC-CEDICT lists some
 * inflected forms under other senses (won, the Korean currency; LED), which hid the word's own.
 */
export function lemmas(word: string): string[] {
  const { verb, noun, adjective } = loadLemmatizer();
  return [...new Set([verb(word), noun(word), adjective(word)])].filter((lemma) => lemma !== word);
}
