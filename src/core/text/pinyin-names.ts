/**
 * Chinese names written in pinyin (Li Cheng, Sun Yun, Ding Xuexiang), matched to the corpus words they romanise
 * (李成, 孙韵, 丁薛祥): an English question names a Chinese person by the syllables of the name, surname first,
 * and CC-CEDICT gives each character's syllables and which characters are surnames. Only the names the glossary
 * lists (Wang Yi, Xi Jinping) are otherwise found; these are any the corpus holds.
 */

/** What CC-CEDICT tells about reading a Chinese name in pinyin. */
export interface PinyinReadings {
  /** Simplified character → its pinyin syllables, without tones, lower case (ü as v and as u). */
  syllables: Map<string, string[]>;
  /** Characters CC-CEDICT lists as surnames (李, 王, 何). */
  surnames: Set<string>;
  /**
   * Ordinary words (lower-case pinyin in CC-CEDICT) of two or three characters that start with a surname
   * character: 里程 (li cheng, mileage) and 何时 are no names.
   */
  ordinary: Set<string>;
}

/** A name is a surname of one character and a given name of one or two: 王毅, 李成, 何立峰. */
const NAME_CHARACTERS = /^\p{Script=Han}{2,3}$/u;
/** Readings of a character combined past this many are not kept (a name of characters with many readings). */
const MAX_KEYS = 16;

/**
 * Reads each character's syllables, the surnames, and the ordinary words that look like names from CC-CEDICT's
 * text (`Traditional Simplified [pin1 yin1] /gloss/`).
 */
export function parsePinyinReadings(text: string): PinyinReadings {
  const syllables = new Map<string, Set<string>>();
  const surnames = new Set<string>();
  const words: string[] = [];
  for (const line of text.split("\n")) {
    const match = /^\S+ (\S+) \[([^\]]*)\] \/([^/]*)\//.exec(line);
    if (!match) continue;
    const [, headword = "", pinyin = "", gloss = ""] = match;
    if (!/^\p{Script=Han}+$/u.test(headword)) continue;
    if (headword.length === 1) {
      const forms = spellings(pinyin);
      if (forms.length === 0) continue;
      const known = syllables.get(headword) ?? new Set<string>();
      if (known.size === 0) syllables.set(headword, known);
      for (const form of forms) known.add(form);
      if (/^[A-Z]/.test(pinyin) && /^surname /.test(gloss)) surnames.add(headword);
    } else if (NAME_CHARACTERS.test(headword) && /^[a-z]/.test(pinyin)) {
      words.push(headword);
    }
  }
  return {
    syllables: new Map([...syllables].map(([character, forms]) => [character, [...forms]])),
    surnames,
    ordinary: new Set(words.filter((w) => surnames.has(w[0] ?? ""))),
  };
}

/** A syllable as people type it: tone number off, lower case; ü (CEDICT's u:) as v and as u. */
function spellings(syllable: string): string[] {
  const bare = syllable.toLowerCase().replace(/[1-5]$/, "");
  if (!/^[a-z:]+$/.test(bare) || !/[aeiou]/.test(bare)) return []; // not n, m, ng, hm: interjections
  return bare.includes("u:") ? [bare.replace(/u:/g, "v"), bare.replace(/u:/g, "u")] : [bare];
}

/** The pinyin spellings of a corpus word that could be a Chinese person's name (李成 → licheng); none otherwise. */
export function romanisations(word: string, readings: PinyinReadings): string[] {
  if (!NAME_CHARACTERS.test(word) || !readings.surnames.has(word[0] ?? "") || readings.ordinary.has(word))
    return [];
  let keys = [""];
  for (const character of word) {
    const forms = readings.syllables.get(character);
    if (!forms) return [];
    keys = keys.flatMap((key) => forms.map((form) => key + form));
    if (keys.length > MAX_KEYS) return [];
  }
  return keys;
}

/** What the analyzer needs to tell a name in pinyin in a question: the syllables, and the surnames' own. */
export interface PinyinSpelling {
  syllables: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}

/** The syllables of `readings`, and those of its surnames. */
export function pinyinSpelling(readings: PinyinReadings): PinyinSpelling {
  const ofSurnames = [...readings.surnames].flatMap((c) => readings.syllables.get(c) ?? []);
  return { syllables: new Set([...readings.syllables.values()].flat()), surnames: new Set(ofSurnames) };
}

/**
 * The pinyin key of a question's words if they can be a Chinese name: a surname of one syllable, then a given
 * name of one or two (Li Cheng, Xi Jinping, Ding Xue Xiang); undefined otherwise.
 */
export function pinyinName(words: readonly string[], spelling: PinyinSpelling): string | undefined {
  const [surname = "", ...given] = words;
  if (words.length < 2 || !spelling.surnames.has(surname)) return undefined;
  const count = given.reduce((sum, word) => sum + syllableCount(word, spelling.syllables), 0);
  if (count < 1 || count > 2 || given.some((word) => syllableCount(word, spelling.syllables) === 0))
    return undefined;
  return words.join("");
}

/** How many syllables a word is, the fewest it can be cut into; 0 when it is none. */
function syllableCount(word: string, syllables: ReadonlySet<string>): number {
  const fewest = [0];
  for (let end = 1; end <= word.length; end++) {
    let best = Number.POSITIVE_INFINITY;
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = fewest[start] ?? Number.POSITIVE_INFINITY;
      if (before + 1 < best && syllables.has(word.slice(start, end))) best = before + 1;
    }
    fewest[end] = best;
  }
  const count = fewest[word.length] ?? Number.POSITIVE_INFINITY;
  return Number.isFinite(count) ? count : 0;
}
