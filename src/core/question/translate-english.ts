import { MAX_HEADWORDS, MAX_KEY_WORDS, stems, withoutAccents } from "../language/cedict.ts";
import { lemmas } from "../language/lemmas.ts";
import type { Lexicon } from "../language/lexicon.ts";
import { type PinyinSpelling, pinyinName } from "../language/pinyin-names.ts";

/**
 * English words and phrases, longest phrase first: the glossary's are replaced by its Chinese terms (it wins);
 * CC-CEDICT's become a group of alternative translations; stop words go; other Latin words stay as they are
 * (TikTok, APEC). A phrase's last word may be inflected (plurals, -ed, -ing). Where no phrase of two words or
 * more starts, a Chinese name in pinyin (Li Cheng) becomes one word, its syllables joined (licheng), and one of
 * the `names`: its words are not English to the dictionaries, or `capitalised` (written as names are). The
 * glossary's words the question writes with a capital are `glossaryNames`; CC-CEDICT's phrases it writes with
 * capitals, `phraseNames`.
 */
export function translateEnglish(
  text: string,
  lexicon: Lexicon,
  spelling: PinyinSpelling,
  capitalised: ReadonlySet<string>,
): {
  text: string;
  groups: string[][];
  names: string[];
  glossaryNames: string[];
  phraseNames: Array<{ name: string; translations: string[] }>;
} {
  const groups: string[][] = [];
  const names: string[] = [];
  const glossaryNames: string[] = [];
  const phraseNames: Array<{ name: string; translations: string[] }> = [];
  const longest = Math.max(lexicon.longestGlossaryPhrase, MAX_KEY_WORDS);
  /** What the glossary or CC-CEDICT make of words[i, i + n): their text in the question, and their group. */
  const lookUp = (words: readonly string[], i: number, n: number) => {
    const phrase = words.slice(i, i + n);
    const last = phrase.pop() ?? "";
    // A single word's own entry can hide its dictionary form's: won is also the Korean currency, led an LED.
    const dictionaryForms = n === 1 ? lemmas(last) : [];
    for (const form of stems(last)) {
      const key = [...phrase, form].join(" ");
      const terms = lexicon.glossary.get(key);
      if (terms) return { text: ` ${terms.join(" ")} `, n };
      // "how many", "as well as": a phrase of stop words only is no topic either.
      if ([...phrase, last].every((w) => lexicon.stopWords.has(w))) return undefined;
      const keys = [key, ...dictionaryForms.filter((lemma) => lemma !== form)];
      const headwords = [...new Set(keys.flatMap((k) => translations(k, lexicon)))];
      // The word itself stays one of them: articles write some as they are (BBC, TikTok).
      if (headwords.length > 0)
        return { text: " ", n, group: n === 1 ? [words[i] ?? last, ...headwords] : headwords };
    }
    return undefined;
  };
  const english = (word: string) =>
    [word, ...stems(word), ...lemmas(word)].some(
      (form) => lexicon.english.has(form) || lexicon.glossary.has(form) || lexicon.stopWords.has(form),
    );
  /** A name in pinyin at words[i]: a surname and a given name, each written as a name or no English. */
  const nameAt = (words: readonly string[], i: number) => {
    const span = words.slice(i, i + 2);
    // A glossary word is English whatever its case (Xinhua in "Who Ran Xinhua").
    const nameLike = (word: string) =>
      !lexicon.glossary.has(word) && (capitalised.has(word) || !english(word));
    if (span.length < 2 || !span.every(nameLike)) return undefined;
    const name = pinyinName(span, spelling);
    if (name) names.push(name);
    return name ? { text: ` ${name} `, n: 2 } : undefined;
  };
  const translated = withoutAccents(text.replace(NAMING_CALLED, " ")).replace(
    /[a-z][a-z0-9.'-]*(?:\s+[a-z][a-z0-9.'-]*)*/g,
    (span) => {
      const words = span.split(/\s+/).map(dictionaryKey);
      const out: string[] = [];
      for (let i = 0; i < words.length; ) {
        let found: { text: string; n: number; group?: string[] } | undefined;
        for (let n = Math.min(longest, words.length - i); n > 1 && !found; n--) found = lookUp(words, i, n);
        found ??= nameAt(words, i) ?? lookUp(words, i, 1);
        const word = words[i] ?? "";
        // A hyphenated word neither dictionary knows is its parts (Biden-Xi, U.S.-China), each looked up.
        if (!found && /[^-]-+[^-]/.test(word)) {
          words.splice(i, 1, ...word.split(/-+/).filter(Boolean).map(dictionaryKey));
          continue;
        }
        if (found?.group) groups.push(found.group);
        // A phrase CC-CEDICT translates whole, every word of it written with a capital (Elon Musk): a name.
        const phrase = words.slice(i, i + (found?.n ?? 1));
        if (found?.group && phrase.length > 1 && phrase.every((w) => capitalised.has(w)))
          phraseNames.push({ name: phrase.join(" "), translations: found.group });
        // A glossary phrase written with a capital (White House), or a glossary word, alone or in a phrase
        // CC-CEDICT translates whole (Xi Jinping).
        const span = words.slice(i, i + (found?.n ?? 1));
        for (const key of [span.join(" "), ...span])
          if (
            lexicon.glossary.has(key) &&
            span.some((w) => capitalised.has(w)) &&
            !glossaryNames.includes(key)
          )
            glossaryNames.push(key);
        out.push(found?.text ?? ` ${word} `);
        i += found?.n ?? 1;
      }
      return out.join("");
    },
  );
  return { text: translated, groups, names, glossaryNames, phraseNames };
}

/**
 * "Called" where a question asks what something is called ("What is the scale … called?", "what is the group
 * called that …"): it asks for a name, like "named" (a stop word), and is no phone call (the glossary's 通话).
 * Where an object follows ("when Trump called Xi"), it stays.
 */
const NAMING_CALLED =
  /(?<=\b(?:what|which)\b.*)\bcalled\b(?=\s*(?:[?.!,;:]|$|(?:that|which|when|where|if)\b))/g;

/**
 * A word as the dictionaries key it: without a possessive 's or trailing punctuation, but with an abbreviation's
 * dots (u.s., which the glossary lists).
 */
function dictionaryKey(word: string): string {
  return /^(?:[a-z]\.)+$/.test(word) ? word : word.replace(/[.'-]+$/, "").replace(/'s$/, "");
}

/**
 * CC-CEDICT's headwords for an English key, then those of its related words (WordNet's synonyms, derived forms
 * and pertainyms: "game" → 比赛 through "match", "Scottish" → 苏格兰 through "Scotland"), best first: CEDICT lists
 * one sense of a word under one English word, an article uses the Chinese word of another.
 */
function translations(key: string, lexicon: Lexicon): string[] {
  const own = lexicon.english.get(key) ?? [];
  if (own.length >= MAX_HEADWORDS) return [...own]; // the related words' would all be cut off
  const related = lexicon.related(key).flatMap((word) => lexicon.english.get(word) ?? []);
  return [...new Set([...own, ...related])].slice(0, MAX_HEADWORDS);
}
