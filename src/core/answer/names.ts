import type { CorpusStats, SearchIndex } from "../index/port.ts";
import { bigrams, HAN_WORD } from "../language/bigrams.ts";
import type { NameCharacters } from "../language/cedict.ts";
import { normalize } from "../language/normalize.ts";
import { cutKnown, tag } from "../language/segment.ts";
import { MIN_CHARACTER_SHARE, MIN_NAME_SHARE } from "../language/transliterate.ts";
import { NO_TERMS, type QuestionTerms } from "../question/analyse.ts";
import {
  givenNames,
  gluedToNeighbour,
  holdsFunctionCharacter,
  isNameCharacterOf,
  joinedFromSentence,
  MIN_ONE_APART,
  writesAsList,
  writesOneApart,
} from "./name-evidence.ts";

/**
 * Names decide. The people, places and organisations a question asks about must be in what answers it: a quote
 * about 习近平's talks is no answer to what 卢拉 said to him, however many other words it shares. A name the
 * corpus never writes, in any spelling the analyzer knows (aliases, transliterations, CC-CEDICT's translations of
 * an English name), means the articles do not cover the question, and the reply can say which name is missing.
 */

/** A name a question asks about: as the question writes it, and the spellings any of which names it in a text. */
export interface AskedName {
  /** As the question writes it (its verbatim characters: 盧拉 in a Traditional question, Lula in English). */
  written: string;
  /** Normalised spellings to look for: the name, its aliases, transliterations and translations. */
  forms: string[];
}

/** jieba's tags of names: people (nr, nrt, nrfg), places (ns), organisations (nt), other proper nouns (nz). */
const NAME_TAG = /^n[rstz]/;
/**
 * jieba tags `x` a word its dictionary lacks that its HMM joined (卢拉, 岸田文雄, 梅西): in a question, mostly a
 * name; a word the corpus lacks as well is asked about in words the articles never use.
 */
const UNKNOWN_TAG = "x";
const LATIN = /^[a-z][a-z0-9.'-]*$/;

/**
 * The names a question asks about. `verbatim` is the question as asked and `normal` normalised (the same length,
 * so a name found in one is at the same place in the other); `terms` its analysis, after transliteration (its
 * forms and groups of alternatives are the names' spellings); `canonical` folds an alias into the form the index
 * keeps. Chinese names are jieba's proper nouns and unknown words; English ones are the words capitalised
 * mid-sentence and the names the analyzer found (`QuestionTerms.names`).
 */
export function askedNames(
  verbatim: string,
  normal: string,
  terms: QuestionTerms,
  canonical: (word: string) => string,
  nameCharacters?: NameCharacters,
  latinNames = true,
): AskedName[] {
  const nameLike = (word: string) => nameCharacters !== undefined && writtenAsName(word, nameCharacters);
  const isName = (word: string, t: string) =>
    nameCharacters !== undefined && chineseName(word, t, nameCharacters);
  const out = new Map<string, AskedName>();
  // A Chinese name's spellings are its aliases; an English one's, its translations and transliterations (a
  // Chinese name's sound-alikes are guesses: 马斯克 sounds like 莫斯科).
  const aliasesOf = (word: string): string[] => terms.forms[terms.words.indexOf(word)] ?? [word];
  const formsOf = (word: string): string[] => {
    const i = terms.words.indexOf(word);
    if (i === -1) return [word];
    const group = terms.alternatives.find((g) => g.includes(i)) ?? [i];
    return [...new Set([word, ...group.flatMap((j) => terms.forms[j] ?? [terms.words[j] ?? ""])])].filter(
      Boolean,
    );
  };
  let at = 0;
  const chinese: Array<{ word: string; start: number; transliterated: boolean; person: boolean }> = [];
  for (const { word, tag: t } of tag(normal)) {
    const start = normal.indexOf(word, at);
    if (start !== -1) at = start + word.length;
    const han = HAN_WORD.test(word);
    // A given name is a person's (nr) or unknown (x): not a place before a person (美国拜登).
    const person = /^nr|^x$/.test(t);
    if (!han || !isName(word, t)) continue;
    if (nameCharacters && gluedToNeighbour(normal, start, word, nameCharacters.ordinaryWords)) continue;
    chinese.push({ word, start, transliterated: nameLike(word), person });
  }
  const given = givenNames(chinese, normal);
  for (const { word, start } of chinese) {
    const kept = canonical(word);
    // Only words the analysis kept (not stop words, not pieces of a translated phrase), and of a foreign person's
    // names the family name.
    if (!terms.words.includes(kept) || given.has(word)) continue;
    const written = start === -1 ? word : verbatim.slice(start, start + word.length);
    out.set(kept, { written, forms: aliasesOf(kept) });
  }
  // An English question's missing names decide only where it names the corpus's subject too (see `decide`):
  // elsewhere they are not looked up (`latinNames` false).
  if (!latinNames) return [...out.values()];
  for (const name of englishNames(verbatim, terms, nameLike))
    if (!out.has(name.word)) out.set(name.word, { written: name.written, forms: formsOf(name.word) });
  // And the names CC-CEDICT translates whole (Elon Musk: 马斯克), where a translation is written as names are.
  for (const { name, translations } of terms.phraseNames ?? []) {
    const forms = translations.filter((w) => HAN_WORD.test(w));
    if (out.has(name) || !forms.some(nameLike)) continue;
    const at = verbatim.toLowerCase().indexOf(name);
    out.set(name, { written: at === -1 ? name : verbatim.slice(at, at + name.length), forms });
  }
  return [...out.values()];
}

/**
 * Latin words of the question that are names: written with a capital where a sentence does not start (Lula in
 * "What did Lula say"), or found so by the analyzer (a capitalised first word CC-CEDICT does not know, Kirby).
 */
function englishNames(
  verbatim: string,
  terms: QuestionTerms,
  nameLike: (word: string) => boolean,
): Array<{ word: string; written: string }> {
  const out: Array<{ word: string; written: string }> = [];
  const named = new Set(terms.names.filter((n) => LATIN.test(n)));
  for (const match of verbatim.matchAll(/(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu)) {
    const word = match[0].toLowerCase();
    const before = verbatim.slice(0, match.index).trimEnd();
    const first = before === "" || /[.?!:"“«(]$/.test(before);
    if ((first && !named.has(word)) || !terms.words.includes(word)) continue;
    // A word CC-CEDICT translates is a name where it translates to one (Lula 卢拉), not to a word (April 四月).
    const i = terms.words.indexOf(word);
    const group = terms.alternatives.find((g) => g.includes(i)) ?? [];
    const translations = group.map((j) => terms.words[j] ?? "").filter((w) => HAN_WORD.test(w));
    if (!named.has(word) && !translations.some(nameLike)) continue;
    if (!out.some((n) => n.word === word)) out.push({ word, written: match[0] });
  }
  return out;
}

/**
 * Whether a word of Han characters is written as transliterated names are: each of its characters one that names
 * use often (卢拉, 梅西, 莫迪), no character of ordinary words (为触, 对南海: pieces jieba's HMM joined).
 */
function writtenAsName(word: string, names: NameCharacters): boolean {
  let shares = 0;
  for (const c of word) {
    const share = names.nameShares.get(c) ?? 0;
    if (!names.readings.has(c) || share < MIN_CHARACTER_SHARE) return false;
    shares += share;
  }
  return shares / word.length >= MIN_NAME_SHARE;
}

/**
 * Whether a question's word, as jieba tags it, names someone or something. jieba's dictionary tags some ordinary
 * words as names (安静 nr, 新设 nt) and joins pieces its dictionary lacks (雨林中, 他会 `x`), so CC-CEDICT decides
 * too: no word it lists only as an ordinary one, nor one holding such a word (美国宇航局 holds 宇航, 雨林中 雨林:
 * such a name is a description the articles may word otherwise). Of the rest, jieba's names of three characters
 * or more (马斯克, 石破茂), and shorter ones and unknown words only where written as transliterated names are (卢拉,
 * 莫迪; an unknown word only where jieba's dictionaries know no longer word in it).
 */
function chineseName(word: string, t: string, names: NameCharacters): boolean {
  const tagged = NAME_TAG.test(t);
  if (!tagged && t !== UNKNOWN_TAG) return false;
  if (names.ordinaryWords.has(word) || holdsOrdinaryWord(word, names.ordinaryWords)) return false;
  if (!tagged && joinedFromSentence(word)) return false;
  // jieba's HMM joins a word and a character it lacks (由威廉, 美国会) and tags them too: one of its dictionary's
  // words, or characters it knows no word of, not both.
  const pieces = cutKnown(word);
  if (pieces.length > 1 && pieces.some((piece) => piece.length > 1)) return false;
  // An unknown word of three characters or more none of whose pieces jieba's dictionary knows (岸田文雄, 尹锡悦):
  // a name, in whatever characters it is written, unless one is a function word (哪一郡, 节多约: pieces) and it
  // does not start with a surname (李在明, 张一鸣 do).
  const unknownWhole =
    t === UNKNOWN_TAG &&
    word.length >= 3 &&
    pieces.every((piece) => piece.length === 1) &&
    (!holdsFunctionCharacter(word) || names.pinyin.surnames.has(word[0] ?? ""));
  return (tagged && word.length >= 3) || unknownWhole || writtenAsName(word, names);
}

/** Whether a word holds a shorter word of two characters or more from `words`. */
function holdsOrdinaryWord(word: string, words: ReadonlySet<string>): boolean {
  for (let length = 2; length < word.length; length++)
    for (let i = 0; i + length <= word.length; i++) if (words.has(word.slice(i, i + length))) return true;
  return false;
}

/** What telling whether the corpus writes a name needs. */
export interface NameLookup {
  stats: CorpusStats;
  index: SearchIndex;
  /** The corpus's other transliterations of a name written in Chinese (赛斯纳 for 塞斯纳); none without. */
  variants?: (name: string) => Promise<string[]>;
  /** How much each character is one names are written with; without it, no glued character is taken off. */
  nameCharacters?: NameCharacters;
}

/** Passages read to tell whether the corpus writes a name whose bigrams it all holds. */
const PASSAGES_CHECKED = 5;

/**
 * Whether the corpus writes a spelling anywhere: as one of its words, or (Chinese written inside other words, a
 * Latin word whole) in its bigrams: a two-character name is its bigram; a longer one, in one of the passages
 * that hold its bigrams (马 斯 克 are in 马斯 and 斯克 of other words), dots between its parts left out. Generous where unsure: a name counted as
 * written only leaves the question's other words to decide, as they did before.
 */
export async function corpusWrites(
  form: string,
  { stats, index, nameCharacters }: NameLookup,
): Promise<boolean> {
  if (stats.idf("words", form) < stats.idf("words", "")) return true;
  const unseen = stats.idf("bigrams", "");
  if (LATIN.test(form)) return stats.idf("bigrams", form) < unseen;
  if (!HAN_WORD.test(form)) return true; // a single character or a mixed word: no telling, so not missing
  const grams = bigrams(form);
  const seen = grams.filter((gram) => stats.idf("bigrams", gram) < unseen);
  if (grams.length === 1) return seen.length === 1;
  // A foreign name is often written with a dot between its parts (唐娜·诺布尔) that a question leaves out: a
  // bigram across the dot is in no text, so the passages holding the rest are read with the dots taken out.
  // A variant of a long transliteration with one character otherwise (雷克雅维克) lacks two of its bigrams.
  const variantOf =
    nameCharacters && form.length >= MIN_ONE_APART ? isNameCharacterOf(nameCharacters) : undefined;
  if (seen.length < grams.length - (variantOf ? 2 : 1)) return false;
  // The passages holding its bigrams best, and those holding its rarest one: the first may all write another
  // spelling more often (雷克雅维克 beside 雷克雅未克).
  const rarest = [...seen].sort((a, b) => stats.idf("bigrams", b) - stats.idf("bigrams", a)).slice(0, 1);
  for (const asked of [seen, rarest]) {
    const found = await index.retrieve({ ...NO_TERMS, bigrams: asked }, PASSAGES_CHECKED);
    // A passage's text, and its article's title (大雷克雅未克区, whose text writes 雷克雅维克).
    const texts = found.candidates.flatMap(({ passage }) => [
      passage.normal ?? passage.text,
      normalize(found.article(passage.file)?.title ?? ""),
    ]);
    const unseparated = texts.map((text) => text.replace(NAME_SEPARATORS, ""));
    if (unseparated.some((text) => text.includes(form))) return true;
    if (variantOf && unseparated.some((text) => writesOneApart(text, form, variantOf))) return true;
  }
  return false;
}

/** What writes the parts of a foreign name apart: middle dots and hyphens. */
const NAME_SEPARATORS = /[·・•‧‐-]/g;

/**
 * Whether the corpus writes what is left of a name without its first or its last character, where that character
 * is not one names are written with (`MIN_NAME_SHARE`): jieba joins a name and a word's character beside it into
 * one word (由威廉, 明崇祯, 美国会: 美国 and 会), which no text writes as the question does. 鲍威尔 stays whole (尔, 鲍).
 */
async function writesWithoutGluedCharacter(name: string, lookup: NameLookup): Promise<boolean> {
  const names = lookup.nameCharacters;
  if (!names || name.length < 3 || !HAN_WORD.test(name)) return false;
  const glued = (c: string) => (names.nameShares.get(c) ?? 0) < MIN_NAME_SHARE;
  const pieces = [
    ...(glued(name.slice(0, 1)) ? [name.slice(1)] : []),
    ...(glued(name.slice(-1)) ? [name.slice(0, -1)] : []),
  ];
  for (const piece of pieces) if (await corpusWrites(piece, lookup)) return true;
  return false;
}

/**
 * Whether the corpus lists the two characters of a two-character name apart (辽、金 for 辽金): the passages that
 * hold both as words, read for the list.
 */
async function writesApartAsList(name: string, { index }: NameLookup): Promise<boolean> {
  if (name.length !== 2 || !HAN_WORD.test(name)) return false;
  const found = await index.retrieve({ ...NO_TERMS, words: [...name] }, PASSAGES_CHECKED);
  return found.candidates.some(({ passage }) => writesAsList(passage.normal ?? passage.text, name));
}

/**
 * The names the corpus never writes in any of their spellings, nor (a name in Chinese) in another transliteration
 * of it, as the question writes them.
 */
export async function missingNames(names: readonly AskedName[], lookup: NameLookup): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    let written = false;
    for (const form of name.forms) if (!written) written = await corpusWrites(form, lookup);
    if (!written && lookup.variants && HAN_WORD.test(name.forms[0] ?? ""))
      written = (await lookup.variants(name.forms[0] ?? "")).length > 0;
    for (const form of name.forms) if (!written) written = await writesWithoutGluedCharacter(form, lookup);
    for (const form of name.forms) if (!written) written = await writesApartAsList(form, lookup);
    if (!written) missing.push(name.written);
  }
  return missing;
}
