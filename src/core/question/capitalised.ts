/**
 * Words written with a capital, lower-cased, and whether each is the first of a sentence (where any word is): in
 * English, the others are names. Words in capitals (NFL, APEC) are acronyms, no transliterations.
 */
export function capitalisedWords(text: string): Array<{ word: string; first: boolean }> {
  const out = new Map<string, boolean>();
  if (!/[A-Z]/.test(text)) return []; // most Chinese questions: no scan
  for (const match of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu)) {
    const before = text.slice(0, match.index).trimEnd();
    const word = match[0].toLowerCase();
    const first = before === "" || /[.?!:"“«(]$/.test(before);
    out.set(word, (out.get(word) ?? true) && first);
  }
  return [...out].map(([word, first]) => ({ word, first }));
}

/**
 * The words a question writes with a capital, which may be names in pinyin (Li, Sun, He: a given name after one
 * is never a sentence's first word, so "He ran" is no name); none in a headline's title case, which capitalises
 * every word of four letters or more.
 */
export function namedWithCapitals(
  text: string,
  capitalised: ReadonlyArray<{ word: string; first: boolean }>,
): ReadonlySet<string> {
  const long = text.match(/\p{Script=Latin}{4,}/gu) ?? [];
  if (long.length >= 3 && long.every((word) => /^\p{Lu}/u.test(word))) return new Set();
  return new Set(capitalised.map(({ word }) => word));
}
