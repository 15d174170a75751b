import type { NameCharacters } from "../language/cedict.ts";
import { tag } from "../language/segment.ts";
import { MIN_CHARACTER_SHARE } from "../language/transliterate.ts";

/**
 * Evidence that a word jieba's HMM joined is pieces of a sentence, not a name. jieba tags `x` a run of
 * characters its dictionary has no word for; in a question that is mostly a name (岸田文雄, 尹锡悦), but also a
 * numeral and its classifier glued to a noun (哪一郡, 每一旗, 城一役: 漳州城一役) or an adverb and a number's
 * unit (节多约: 射击节 多 约 50,000人). jieba's own dictionary tells them apart: a character it lists, alone, as a
 * word that only serves a sentence's grammar is no part of a Chinese, Japanese or Korean name.
 */

/**
 * jieba's tags of the words that serve grammar: numerals (m), classifiers (q), pronouns (r), adverbs (d),
 * prepositions (p), conjunctions (c), particles (u…), modal words (y), interjections (e), onomatopoeia (o).
 */
const FUNCTION_TAG = /^(?:m|q|r|d|p|c|u[a-z]*|y|e|o)$/;

/**
 * Whether a word holds a character jieba's dictionary, asked of that character alone, tags as a function word
 * (一 m, 哪 r, 约 d, 和 c). Only for words not written as transliterations are (`writtenAsName`): a foreign name's
 * characters are often such words (莫 d 莫迪, 克 m 马克, 比 p 比利时); and a word that starts with a surname may
 * be a name all the same (李在明: 在 p).
 */
export function holdsFunctionCharacter(word: string): boolean {
  return [...word].some((character) => FUNCTION_TAG.test(tag(character)[0]?.tag ?? ""));
}

/**
 * Whether an unknown word is characters of the sentence around it jieba's HMM joined, whatever they are: each
 * one a function word (那座: 那 r, 座 q; no name is pronoun and classifier), or one character twice (州州: 哪个州
 * 州议会; a name the question repeats is no name written twice).
 */
export function joinedFromSentence(word: string): boolean {
  const characters = [...word];
  const repeated = characters.length === 2 && characters[0] === characters[1];
  return repeated || characters.every((character) => FUNCTION_TAG.test(tag(character)[0]?.tag ?? ""));
}

/** What writes the parts of a foreign name apart in a question: nothing, or a middle dot. */
const NAME_PARTS_GAP = /^[·・•‧]?$/;

/**
 * The names of a question that are a foreign person's given name, written before the family name (格雷厄姆 in
 * 格雷厄姆特威格): an article names the person by the family name alone (特威格认为), so the family name decides
 * whether the corpus writes the person. `names` are the question's names in order, each with where it starts and
 * whether it is written as transliterated names are and tagged a person's (or unknown) by jieba.
 */
export function givenNames(
  names: ReadonlyArray<{ word: string; start: number; transliterated: boolean; person: boolean }>,
  text: string,
): Set<string> {
  const given = new Set<string>();
  for (const [i, name] of names.entries()) {
    const next = names[i + 1];
    if (!next || !name.person || !name.transliterated || !next.transliterated || name.start < 0) continue;
    if (NAME_PARTS_GAP.test(text.slice(name.start + name.word.length, next.start))) given.add(name.word);
  }
  return given;
}

/**
 * Whether a text writes a transliterated name with one of its characters otherwise, in place (雷克雅维克 for
 * 雷克雅未克): outlets and translators vary a transliteration so, as `NameMatcher.oneApart` finds among the
 * corpus's words, but jieba may cut the variant into pieces no word holds whole. Only names of four characters
 * or more, whose other characters say enough, and only where the text's character is one names use (`isNameCharacter`).
 */
export function writesOneApart(text: string, name: string, isNameCharacter: (c: string) => boolean): boolean {
  if (name.length < MIN_ONE_APART) return false;
  for (let at = 0; at + name.length <= text.length; at++) {
    let other = "";
    let differences = 0;
    for (let i = 0; i < name.length && differences < 2; i++)
      if (text[at + i] !== name[i]) {
        differences++;
        other = text[at + i] ?? "";
      }
    if (differences === 1 && isNameCharacter(other)) return true;
  }
  return false;
}

/** The fewest characters of a name matched to a text's variant of it with one character otherwise. */
export const MIN_ONE_APART = 4;

/** Whether a character is one transliterated names are written with (`MIN_CHARACTER_SHARE` of its CEDICT words). */
export function isNameCharacterOf(names: NameCharacters): (character: string) => boolean {
  return (c) => names.readings.has(c) && (names.nameShares.get(c) ?? 0) >= MIN_CHARACTER_SHARE;
}

/**
 * Whether a two-character name is one character of a word CC-CEDICT lists (`ordinaryWords`) with the character
 * beside it in the question (比达 in 占比达3/5: 占比 and 达): jieba cut the word apart, and one character left is no
 * name. `start` is where the name is in `text`.
 */
export function gluedToNeighbour(
  text: string,
  start: number,
  name: string,
  ordinaryWords: ReadonlySet<string>,
): boolean {
  if (name.length !== 2 || start < 0) return false;
  const before = start > 0 ? text.slice(start - 1, start + 1) : "";
  const after = text.slice(start + 1, start + 3);
  return ordinaryWords.has(before) || (after.length === 2 && ordinaryWords.has(after));
}

/** What writes the items of a list apart: an enumeration comma, and, with, as well as. */
const LIST_SEPARATORS = "、和与及";

/**
 * Whether a text writes the two characters of a two-character name as items of a list (辽、金 for 辽金): such a
 * "name" is two names shortened and written together (辽金, the Liao and Jin dynasties; 苏蒙, Soviet and
 * Mongolian), and an article that lists them writes what the question asks about.
 */
export function writesAsList(text: string, name: string): boolean {
  const [first, second] = [...name];
  if (name.length !== 2 || !first || !second) return false;
  return [...LIST_SEPARATORS].some((separator) => text.includes(`${first}${separator}${second}`));
}
