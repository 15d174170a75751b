// Long because it is one algorithm: the phonetic matcher of transliterated names, its keys and distances together.

import { SEARCH_DEFAULTS } from "../settings.ts";
import { HAN } from "./bigrams.ts";
import type { NameCharacters } from "./cedict.ts";
import { romanisations, startsLikeName } from "./pinyin-names.ts";

/**
 * English names that CC-CEDICT lacks, matched to the corpus's transliterations of them (Manning → 曼宁,
 * Peyton → 佩顿): a transliteration keeps the name's consonants and approximates its vowels, so the English
 * spelling and the candidate's pinyin are compared by their consonants' classes, then by their letters. A
 * transliteration the corpus does not use is matched to those it does by its own pinyin the same way, more
 * strictly: outlets in Taiwan and in the mainland write one name with different characters of nearly the same
 * sound (盧比歐 and 鲁比奥 for Rubio, 苏利文 and 沙利文 for Sullivan).
 */

/** Alternatives kept per English name: a second one covers a name written two ways (佩顿, 佩通). */
export const MAX_TRANSLITERATIONS = 2;

/** Joins of two words (`NameMatcher.joins`) offered per English name, to be looked for in the passages. */
export const MAX_JOINS = 4;

/** Candidates whose letters differ from the English name by more than this share are not kept. */
export const MAX_LETTER_DISTANCE = 0.4;

/**
 * A candidate's characters must be name characters in at least this share of their CEDICT words, on average:
 * 艾伦 (0.33, 0.66) and 亚当斯 (0.85, 0.05, 0.9) are names, 一任 (0.03, 0.04) and 利人 (0.46, 0.09) Chinese
 * words CEDICT happens not to list.
 */
export const MIN_NAME_SHARE = 0.3;

/**
 * Two transliterations are one name only this close (`SearchSettings.maxSoundDistance`, default a third): the
 * same consonants and vowel places, and at most that share of their pinyin's letters different (lu-bi-ou and
 * lu-bi-ao, su-li-wen and sha-li-wen), not the looser match English spelling needs.
 */
const DEFAULT_SOUND_DISTANCE = SEARCH_DEFAULTS.maxSoundDistance;

/** Shorter transliterations sound like too many other words (北县, 北京) to be matched to one by sound. */
export const MIN_VARIANT_CHARACTERS = 3;

/**
 * Every character of a transliteration a question writes differently is one names use at least this often (布
 * 0.16, 卢 0.77): a stretch with a character of ordinary words (国 0.08 in 联合英国, 县 in 中山县, 人 in 罗斯人)
 * is Chinese, not a foreign name.
 */
export const MIN_CHARACTER_SHARE = 0.15;

/** Words longer than this are compounds or phrases rather than one transliterated name. */
const MAX_NAME_CHARACTERS = 6;

/**
 * How a word would be read as a transliterated foreign name, if it could be one: two to six name characters,
 * name-like enough on average (`MIN_NAME_SHARE`). Its pinyin, and its characters' mean name share (of two equally
 * close candidates, the likelier name first). Whether CC-CEDICT knows it is the caller's test.
 */
function nameReading(
  names: NameCharacters,
  word: string,
): { syllables: string[]; share: number } | undefined {
  if (word.length < 2 || word.length > MAX_NAME_CHARACTERS) return undefined;
  const syllables: string[] = [];
  let shares = 0;
  for (const character of word) {
    const reading = names.readings.get(character);
    if (reading === undefined) return undefined;
    syllables.push(reading);
    shares += names.nameShares.get(character) ?? 0;
  }
  const share = shares / syllables.length;
  return share >= MIN_NAME_SHARE ? { syllables, share } : undefined;
}

/**
 * The stretches of a text's words (jieba's, in order) that could be transliterated names CC-CEDICT lacks, of
 * `MIN_VARIANT_CHARACTERS` to six characters, longest first. Adjacent words of name characters (each at least
 * `MIN_CHARACTER_SHARE` name-like) are joined,
 * since jieba cuts a name its dictionary lacks into pieces, some of them words CEDICT knows (卢比 rupee + 欧 →
 * 卢比欧); which stretch is a name, if any, only the corpus can tell (`NameMatcher.match`).
 */
export function unknownNames(names: NameCharacters, words: readonly string[]): string[] {
  const found = new Set<string>();
  const ofNameCharacters = (word: string) =>
    [...word].every(
      (character) =>
        names.readings.has(character) && (names.nameShares.get(character) ?? 0) >= MIN_CHARACTER_SHARE,
    );
  for (let first = 0; first < words.length; first++) {
    let stretch = "";
    for (let last = first; last < words.length && ofNameCharacters(words[last] ?? ""); last++) {
      stretch += words[last];
      if (stretch.length > MAX_NAME_CHARACTERS) break;
      if (
        stretch.length >= MIN_VARIANT_CHARACTERS &&
        !names.knownWords.has(stretch) &&
        nameReading(names, stretch)
      )
        found.add(stretch);
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Sound classes of consonants, the same for English spelling and for pinyin: Chinese transliteration renders
 * voiced and voiceless alike (Denver 丹佛, Peyton 佩顿), r as l (Carolina 卡罗来纳), and English j, soft g and s
 * with pinyin's sibilants (George 乔治, Smith 史密斯).
 */
const CLASS: Record<string, string> = {
  b: "P",
  p: "P",
  f: "F",
  v: "F",
  m: "M",
  n: "N",
  d: "T",
  t: "T",
  g: "K",
  k: "K",
  q: "K",
  s: "S",
  z: "S",
  j: "S",
  l: "L",
  r: "L",
};

/**
 * English spelling → the letters as pronounced, as far as spelling tells: digraphs, soft c and g, silent letters.
 * Where spelling leaves it open, each way: a post-vocalic r is silent in the British pronunciation most
 * transliterations follow (Carter 卡特) but written in others (Igor 伊戈尔); x is ks (Max 马克斯) or s
 * (Alexander 亚历山大); w is a glide (William 威廉) or a v (Elway 埃尔维, as pinyin's w is in 戴维斯 Davis).
 */
function englishSounds(word: string): string[] {
  const spelled = word
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .replace(/(.)\1+/g, "$1")
    .replace(/^kn|^wr/, (m) => m.slice(1))
    .replace(/ph/g, "f")
    .replace(/sch|sh|ch/g, "s")
    .replace(/th/g, "t")
    .replace(/gh/g, "")
    .replace(/ck/g, "k")
    .replace(/qu/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/g(?=[eiy])/g, "j")
    .replace(/c/g, "k")
    .replace(/ng/g, "n");
  const ways = new Set<string>();
  for (const x of ["ks", "s"]) {
    const withX = spelled.replace(/x/g, x);
    for (const way of [withX.replace(/([aeiouy])r(?![aeiouy])/g, "$1"), withX]) {
      ways.add(way);
      ways.add(way.replace(/w/g, "v"));
    }
  }
  return [...ways];
}

/** Pinyin syllables (no tones) → the same alphabet as `englishSounds`, each way (w a glide, or a v). */
function pinyinSounds(syllables: readonly string[]): string[] {
  const sounds = syllables
    .map((s) =>
      s
        .replace(/^er$/, "l") // 尔 stands for a final l or r (Bill 比尔)
        .replace(/^(?:zh|ch|sh|c|x)/, "s")
        .replace(/^q/, "j")
        .replace(/^r/, "l")
        .replace(/^h/, "")
        .replace(/ng$/, "n"),
    )
    .join("");
  return [...new Set([sounds, sounds.replace(/w/g, "v")])];
}

/** Consonants as their classes, vowels as they are: what letters are compared by (d and t are no difference). */
function classed(sounds: string): string {
  return [...sounds].map((letter) => CLASS[letter] ?? letter).join("");
}

/**
 * Where the vowels are, not which: transliteration changes vowels freely (Elway 埃尔维) but seldom adds or drops
 * a syllable at the start (尔瓦 for Elway lacks its e).
 */
function skeleton(classedSounds: string): string {
  return classedSounds.replace(/[^A-Z]+/g, "a");
}

/** The sequence of consonant classes, runs of one class counted once: what a name and its transliteration share. */
function consonantKey(sounds: string): string {
  let key = "";
  for (const letter of sounds) {
    const cls = CLASS[letter];
    if (cls && !key.endsWith(cls)) key += cls;
  }
  return key;
}

/** An English name's consonant keys, one for each way it may sound. */
export function englishKeys(word: string): string[] {
  return [...new Set(englishSounds(word).map(consonantKey))];
}

/** A candidate's consonant keys from its pinyin syllables. */
export function pinyinKeys(syllables: readonly string[]): string[] {
  return [...new Set(pinyinSounds(syllables).map(consonantKey))];
}

/** Levenshtein distance over the longer length: 0 same, 1 nothing in common. */
export function letterDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    previous = current;
  }
  return (previous[b.length] ?? 0) / Math.max(a.length, b.length, 1);
}

/** How close a candidate is to an English name. */
interface Closeness {
  /** `letterDistance` of the skeletons. */
  distance: number;
  /** `letterDistance` of the classed letters. */
  letters: number;
  /** The candidate's `share`. */
  share: number;
}

/** Whether one match is closer than another: by vowel places, then letters, then name-likeness. */
function closer(a: Closeness, b: Closeness): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.letters !== b.letters) return a.letters < b.letters;
  return a.share > b.share;
}

/**
 * Two transliterations of one name have as many characters and share one in the same place at least
 * (卢比欧 and 鲁比奥, 苏利文 and 沙利文): outlets keep most characters of a name and change one or two.
 */
function sameShape(a: string, b: string): boolean {
  return a.length === b.length && [...a].some((character, i) => b[i] === character);
}

/** A corpus word that may transliterate a foreign name. */
interface Candidate {
  word: string;
  /** Its pinyin as the name characters read, `classed`, to compare letters with. */
  sounds: string;
  /** `skeleton` of `sounds`. */
  skeleton: string;
  /** Its characters' mean name share: of two equally close candidates, the likelier name first. */
  share: number;
  /**
   * CC-CEDICT knows it (鲁比奥 Rubio, or a Chinese word): no English name it lacks is written so, but another
   * transliteration of a name it knows may be.
   */
  known: boolean;
}

/** Finds the corpus's transliterations of English names. */
export interface NameMatcher {
  /**
   * The corpus words that best transliterate an English name, best first (at most `MAX_TRANSLITERATIONS`); for a
   * transliteration (卢比欧), the corpus's other transliterations of the name (鲁比奥); for a Chinese name in pinyin
   * (`inPinyin`: licheng, see `pinyinName`), the corpus's names of those syllables (李成).
   */
  match(name: string, inPinyin?: boolean): string[];
  /**
   * The corpus's words of name characters that write a name of three characters or more with one of its characters
   * otherwise, in place (毕卡索 for 毕加索, 塞斯纳 for 赛斯纳): how outlets and translators vary a transliteration.
   */
  oneApart(name: string): string[];
  /**
   * Whether a transliteration (one of `joins`) is written only cut into two words of the index (杰克逊维尔 as 杰克逊
   * and 维尔): no word of the index to look up, so it is looked up by its bigrams.
   */
  cut(word: string): boolean;
  /**
   * For an English name, the joins of two corpus words that meet in its bigrams (杰克逊维尔 of 杰克逊 and 维尔 for
   * Jacksonville), best first, at most `MAX_JOINS`: where jieba cut a transliteration its dictionary lacks. Meeting
   * in a bigram does not make a join a word of the corpus (布朗 and 国际 meet in 布朗国际 and elsewhere alike), so
   * the caller keeps only those a passage writes.
   */
  joins(name: string): string[];
  /** How many corpus words could be transliterations (for logs). */
  readonly candidates: number;
}

/**
 * A matcher over a corpus's words: those of two characters or more made only of name characters are the
 * candidates (for English names, only those CEDICT does not know), grouped by consonant key so that a question
 * looks up only its own; and those that may be Chinese names, by their pinyin (see `romanisations`).
 */
export function createNameMatcher(
  names: NameCharacters,
  vocabulary: Iterable<string>,
  maxSoundDistance = DEFAULT_SOUND_DISTANCE,
  bigrams: Iterable<string> = [],
): NameMatcher {
  const byKey = new Map<string, Candidate[]>();
  const pooled = new Set<string>();
  const mayBeChineseNames: string[] = [];
  let candidates = 0;
  const pieces = createPieces(names, bigrams);
  for (const word of vocabulary) {
    pieces.add(word);
    if (startsLikeName(word, names.pinyin)) mayBeChineseNames.push(word);
    const reading = nameReading(names, word);
    if (!reading) continue;
    pooled.add(word);
    const { syllables, share } = reading;
    const known = names.knownWords.has(word);
    for (const sounds of pinyinSounds(syllables)) {
      const key = consonantKey(sounds);
      if (key.length < 2) continue; // one consonant matches too many names
      const list = byKey.get(key) ?? [];
      if (list.length === 0) byKey.set(key, list);
      const letters = classed(sounds);
      list.push({ word, sounds: letters, skeleton: skeleton(letters), share, known });
    }
    if (!known) candidates++;
  }
  // Chinese names by their pinyin: built for the first question that writes one, most never do (it doubles the
  // build at a few hundred thousand words).
  let byPinyin: Map<string, string[]> | undefined;
  const chineseNames = (): Map<string, string[]> => {
    if (byPinyin) return byPinyin;
    byPinyin = new Map();
    for (const word of mayBeChineseNames)
      for (const key of romanisations(word, names.pinyin)) {
        const list = byPinyin.get(key) ?? [];
        if (list.length === 0) byPinyin.set(key, list);
        list.push(word);
      }
    return byPinyin;
  };
  // Words by each of their characters left out ("毕?索"): built for the first name that asks, as `byPinyin` is.
  let byGap: Map<string, string[]> | undefined;
  const gapsOf = (word: string) => [...word].map((_, i) => `${word.slice(0, i)}?${word.slice(i + 1)}`);
  const gapped = (): Map<string, string[]> => {
    if (byGap) return byGap;
    byGap = new Map();
    for (const word of pooled)
      if (word.length >= MIN_VARIANT_CHARACTERS)
        for (const key of gapsOf(word)) {
          const list = byGap.get(key) ?? [];
          if (list.length === 0) byGap.set(key, list);
          list.push(word);
        }
    return byGap;
  };
  return {
    candidates,
    cut: (word) => HAN.test(word) && !pooled.has(word),
    oneApart(name) {
      if (name.length < MIN_VARIANT_CHARACTERS) return [];
      const found = new Set(gapsOf(name).flatMap((key) => gapped().get(key) ?? []));
      found.delete(name);
      return [...found];
    },
    match: (name, inPinyin = false) =>
      inPinyin ? (chineseNames().get(name)?.slice(0, MAX_TRANSLITERATIONS) ?? []) : closest(name, false),
    joins: (name) => (HAN.test(name) ? [] : closest(name, true)),
  };

  /**
   * The candidates closest to a name, best first: of the corpus's words, or (`joins`, an English name) of two of
   * its words written side by side (`createPieces`), at most `MAX_JOINS` of those.
   */
  function closest(name: string, joins: boolean): string[] {
    // A transliteration is read as its characters are in names and must match closely; one the corpus uses as
    // it is is not taken for another that sounds like it.
    const han = HAN.test(name);
    const reading = han ? nameReading(names, name) : undefined;
    if (han && (!reading || name.length < MIN_VARIANT_CHARACTERS || pooled.has(name))) return [];
    const ways = reading ? pinyinSounds(reading.syllables) : englishSounds(name);
    const [maxShape, maxLetters] = reading ? [0, maxSoundDistance] : [MAX_LETTER_DISTANCE, 1];
    // Ranked by the vowels' places, then by the letters, then by how name-like the characters are.
    const found = new Map<string, Closeness>();
    for (const sounds of ways) {
      const letters = classed(sounds);
      const shape = skeleton(letters);
      const key = consonantKey(sounds);
      const pool = joins ? pieces.joined(key).filter((c) => !pooled.has(c.word)) : byKey.get(key);
      for (const c of pool ?? []) {
        // (A transliteration the corpus holds returned above: no candidate is the name itself.)
        if (han ? !sameShape(name, c.word) : c.known) continue;
        const distance = letterDistance(shape, c.skeleton);
        if (distance > maxShape) continue;
        const match = { distance, letters: letterDistance(letters, c.sounds), share: c.share };
        if (match.letters > maxLetters) continue;
        const before = found.get(c.word);
        if (!before || closer(match, before)) found.set(c.word, match);
      }
    }
    return [...found]
      .sort((a, b) => (closer(a[1], b[1]) ? -1 : closer(b[1], a[1]) ? 1 : a[0].localeCompare(b[0])))
      .slice(0, joins ? MAX_JOINS : MAX_TRANSLITERATIONS)
      .map(([word]) => word);
  }
}

/** Two words written side by side, each of name characters: one transliteration, where jieba cut it. */
interface Pieces {
  /** Takes a word of the corpus in, as a piece if it is all name characters. */
  add(word: string): void;
  /** The joins of two pieces whose consonant key is `key`, where the corpus's bigrams let them meet. */
  joined(key: string): Candidate[];
}

/** Pieces longer than this are words of their own rather than what jieba cut off a name. */
const MAX_PIECE_CHARACTERS = 4;

/** A piece's pinyin, `classed`, by its key and its first character. */
type PiecesByKey = Map<string, Map<string, Array<{ word: string; sounds: string }>>>;

/**
 * The corpus's words of name characters (`MIN_CHARACTER_SHARE` each, one character or more: jieba leaves a
 * name's last syllable alone, 弗雷斯 + 诺) that it writes next to each other, by its bigrams: jieba cuts a name its
 * dictionary lacks into words it knows (杰克逊维尔, Jacksonville, into 杰克逊 and 维尔), so no word of the index
 * writes the name, but a bigram across the cut (逊维) tells that the pieces may meet. Only bigrams of two name
 * characters are kept; a name's joins are looked up by its key, cut in two (the class at the cut shared or not),
 * as the pieces of each half's key whose meeting characters are such a bigram.
 */
function createPieces(names: NameCharacters, bigrams: Iterable<string>): Pieces {
  const nameCharacter = (character: string) =>
    names.readings.has(character) && (names.nameShares.get(character) ?? 0) >= MIN_CHARACTER_SHARE;
  const next = new Map<string, Set<string>>();
  for (const gram of bigrams) {
    const [first, second] = [...gram];
    if (gram.length !== 2 || !first || !second || !nameCharacter(first) || !nameCharacter(second)) continue;
    const after = next.get(first) ?? new Set();
    if (after.size === 0) next.set(first, after);
    after.add(second);
  }
  const byKey: PiecesByKey = new Map();
  return {
    add(word) {
      if (next.size === 0 || word.length > MAX_PIECE_CHARACTERS || ![...word].every(nameCharacter)) return;
      const syllables = [...word].map((character) => names.readings.get(character) ?? "");
      for (const sounds of pinyinSounds(syllables)) {
        const key = consonantKey(sounds);
        if (key === "") continue;
        const byFirst = byKey.get(key) ?? new Map();
        if (byFirst.size === 0) byKey.set(key, byFirst);
        const list = byFirst.get(word[0] ?? "") ?? [];
        if (list.length === 0) byFirst.set(word[0] ?? "", list);
        list.push({ word, sounds: classed(sounds) });
      }
    },
    joined(key) {
      const out = new Map<string, Candidate>();
      for (let cut = 1; cut <= key.length; cut++) {
        const heads = byKey.get(key.slice(0, cut));
        if (!heads) continue;
        // The second piece's key starts after the cut, or with the class the first ends in (runs count once).
        for (const tail of new Set([key.slice(cut), key.slice(cut - 1)])) {
          const tails = byKey.get(tail);
          if (!tails) continue;
          for (const firsts of heads.values())
            for (const first of firsts)
              for (const character of next.get(first.word.at(-1) ?? "") ?? [])
                for (const second of tails.get(character) ?? []) {
                  const word = first.word + second.word;
                  const sounds = first.sounds + second.sounds;
                  if (word.length < MIN_VARIANT_CHARACTERS || word.length > MAX_NAME_CHARACTERS) continue;
                  if (out.has(word + sounds)) continue;
                  const reading = nameReading(names, word);
                  if (!reading) continue;
                  const known = names.knownWords.has(word);
                  out.set(word + sounds, {
                    word,
                    sounds,
                    skeleton: skeleton(sounds),
                    share: reading.share,
                    known,
                  });
                }
        }
      }
      return [...out.values()];
    },
  };
}
