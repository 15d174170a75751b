import { cedictEntries } from "./cedict-entries.ts";

/**
 * Chinese names written in pinyin (Li Cheng, Sun Yun, Ding Xuexiang), matched to the corpus words they romanise
 * (李成, 孙韵, 丁薛祥): an English question names a Chinese person by the syllables of the name, surname first,
 * and CC-CEDICT gives each character's syllables and which characters are surnames, read how. Without this, only
 * the names the glossary lists would be found. Pinyin is read as people type it, without tone marks (Lu or Lv for
 * 吕); compound surnames (Ouyang 欧阳) are not read.
 */

/** What CC-CEDICT tells about reading a Chinese name in pinyin. */
export interface PinyinReadings {
  /** Simplified character → its pinyin syllables, without tones, lower case (ü as v and as u). */
  syllables: Map<string, string[]>;
  /** Characters CC-CEDICT lists as surnames → their syllables as surnames (李 li; 万 wan, not mo). */
  surnames: Map<string, string[]>;
  /**
   * Ordinary words (lower-case pinyin in CC-CEDICT) of two or three characters that start with a surname
   * character: 里程 (li cheng, mileage) and 何时 are no names.
   */
  ordinary: Set<string>;
}

/** A name is a surname of one character and a given name of one or two: 王毅, 李成, 何立峰. */
const NAME_CHARACTERS = /^\p{Script=Han}{2,3}$/u;
/** Readings of a name's characters combined past this many are not kept (characters of many readings). */
const MAX_KEYS = 16;

/**
 * Reads each character's syllables, the surnames, and the ordinary words that look like names from CC-CEDICT's
 * text.
 */
export function parsePinyinReadings(text: string): PinyinReadings {
  const syllables = new Map<string, Set<string>>();
  const surnames = new Map<string, Set<string>>();
  const words: string[] = [];
  const add = (map: Map<string, Set<string>>, character: string, forms: readonly string[]) => {
    const known = map.get(character) ?? new Set<string>();
    if (known.size === 0) map.set(character, known);
    for (const form of forms) known.add(form);
  };
  for (const { headword, pinyin, gloss } of cedictEntries(text)) {
    if (headword.length === 1 && /^\p{Script=Han}$/u.test(headword)) {
      const forms = spellings(pinyin);
      if (forms.length === 0) continue;
      add(syllables, headword, forms);
      if (/^[A-Z]/.test(pinyin) && /^surname /.test(gloss)) add(surnames, headword, forms);
    } else if (NAME_CHARACTERS.test(headword) && /^[a-z]/.test(pinyin)) {
      words.push(headword);
    }
  }
  const lists = (map: Map<string, Set<string>>) => new Map([...map].map(([c, forms]) => [c, [...forms]]));
  return {
    syllables: lists(syllables),
    surnames: lists(surnames),
    ordinary: new Set(words.filter((w) => surnames.has(w[0] ?? ""))),
  };
}

/** A syllable as people type it: tone number off, lower case; ü (CEDICT's u:) as v and as u. */
function spellings(syllable: string): string[] {
  const bare = syllable.toLowerCase().replace(/[1-5]$/, "");
  if (!/^[a-z:]+$/.test(bare) || !/[aeiou]/.test(bare)) return []; // not n, m, ng, hm: interjections
  return bare.includes("u:") ? [bare.replace(/u:/g, "v"), bare.replace(/u:/g, "u")] : [bare];
}

/**
 * The pinyin spellings of a corpus word that could be a Chinese person's name, its surname read as a surname
 * (李成 → licheng); none for other words.
 */
export function romanisations(word: string, readings: PinyinReadings): string[] {
  if (!startsLikeName(word, readings) || readings.ordinary.has(word) || !NAME_CHARACTERS.test(word))
    return [];
  let keys = readings.surnames.get(word[0] ?? "") ?? [];
  for (const character of word.slice(1)) {
    const forms = readings.syllables.get(character);
    if (!forms) return [];
    keys = keys.flatMap((key) => forms.map((form) => key + form));
    if (keys.length > MAX_KEYS) return [];
  }
  return keys;
}

/**
 * The cheapest tests of `romanisations`, which runs for every word of an index: two or three characters, the
 * first a surname.
 */
export function startsLikeName(word: string, readings: PinyinReadings): boolean {
  return word.length >= 2 && word.length <= 3 && readings.surnames.has(word[0] ?? "");
}

/** What the analyzer needs to tell a name in pinyin in a question: the syllables, and the surnames' own. */
export interface PinyinSpelling {
  syllables: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}

/** The syllables of `readings`, and those of its surnames. */
export function pinyinSpelling(readings: PinyinReadings): PinyinSpelling {
  return {
    syllables: new Set([...readings.syllables.values()].flat()),
    surnames: new Set([...readings.surnames.values()].flat()),
  };
}

/**
 * The pinyin key of a surname and a given name if they can be a Chinese name: a surname of one syllable, a given
 * name of one or two (Li Cheng, Xi Jinping, Li Ke-qiang); undefined otherwise.
 */
export function pinyinName(
  [surname, given]: readonly string[],
  spelling: PinyinSpelling,
): string | undefined {
  if (surname === undefined || given === undefined || !spelling.surnames.has(surname)) return undefined;
  const joined = given.replace(/['-]/g, "");
  const count = syllableCount(joined, spelling.syllables);
  return count === 1 || count === 2 ? surname + joined : undefined;
}

/** How many syllables a word is, the fewest it can be cut into; 0 when it is none. */
function syllableCount(word: string, syllables: ReadonlySet<string>): number {
  const fewest = [0];
  for (let end = 1; end <= word.length; end++) {
    let best = Number.POSITIVE_INFINITY;
    for (let start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start++) {
      const before = fewest[start] ?? Number.POSITIVE_INFINITY;
      if (before + 1 < best && syllables.has(word.slice(start, end))) best = before + 1;
    }
    fewest[end] = best;
  }
  const count = fewest[word.length] ?? Number.POSITIVE_INFINITY;
  return Number.isFinite(count) ? count : 0;
}

/** zhuang, shuang. */
const LONGEST_SYLLABLE = 6;
