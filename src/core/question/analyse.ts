import { bigrams, HAN_WORD } from "../language/bigrams.ts";
import { stems } from "../language/cedict.ts";
import { loadLemmatizer } from "../language/lemmas.ts";
import type { Lexicon } from "../language/lexicon.ts";
import { normalize } from "../language/normalize.ts";
import { pinyinSpelling } from "../language/pinyin-names.ts";
import { cut, loadSegmenter, segment } from "../language/segment.ts";
import { unknownNames } from "../language/transliterate.ts";
import { type AnswerType, answerType } from "./answer-type.ts";
import { capitalisedWords, namedWithCapitals } from "./capitalised.ts";
import { joinSeparated } from "./separated-words.ts";
import { translateEnglish } from "./translate-english.ts";

/** The terms one text contributes to each index field. */
export interface Terms {
  /** jieba words (search mode), stop words removed, variants mapped to their canonical form. */
  words: string[];
  /** Overlapping character bigrams of Chinese runs, and whole Latin/number words. */
  bigrams: string[];
}

/** A question, analysed. */
export interface QuestionTerms extends Terms {
  /** Each of `words` with all its spellings (川普 for 特朗普), normalised: what to look for in a text. */
  forms: string[][];
  /**
   * Indexes into `words` of the translations of one English word or phrase (CC-CEDICT): alternatives of one
   * question term, any of which counts once, best first. The corpus decides which are used (`usedWords`).
   */
  alternatives: number[][];
  /**
   * English words the question capitalises mid-sentence that neither the glossary nor CC-CEDICT translates as
   * they are (Peyton; Manning, which only its stem "man" would), and its words that look like transliterated
   * names CC-CEDICT lacks (卢比欧, as Taiwan writes Rubio), and Chinese names it writes in pinyin, syllables joined
   * (Li Cheng: licheng): names, which `withTransliterations` matches to the corpus's transliterations of them (an
   * article may write 鲁比奥) or to the Chinese names of those syllables (李成). Each is one of `words` (Latin ones in
   * lower case, as the question keeps them).
   */
  names: string[];
  /** Those of `names` that are Chinese names in pinyin: the corpus's names of those syllables, never a sound-alike. */
  pinyinNames: string[];
  /**
   * English names written with a capital that the glossary translates (Xi, Biden, Hong Kong), lower case: the
   * question names the corpus's subject (see `decide`).
   */
  glossaryNames: string[];
  /**
   * Names of two words or more the question writes with capitals that CC-CEDICT translates whole (Elon Musk:
   * 马斯克): as written (lower case) and their translations. No word of the question is theirs, so the names a
   * question asks about (`askedNames`) read them here. Absent: none.
   */
  phraseNames?: Array<{ name: string; translations: string[] }>;
  /** Most of the question's letters are Latin: it is asked in English (its own abstention threshold). */
  english: boolean;
  /**
   * How much each of `words` says in general Chinese, in nats (see `specificityOf`); Latin words and numbers,
   * which jieba does not count, count as its rarest. An English quote must hold enough of it.
   */
  specificity: number[];
  /** Surface forms to mark in a quote: the forms of two characters or more. */
  highlights: string[];
  /** The question mentions recency (最近, latest): newer articles are preferred. */
  recent: boolean;
  /** What the question asks for (a person for 谁, a duration for 多久), from its question words. */
  type: AnswerType;
  /**
   * A Chinese question's stretches of topic words, white space taken out: its text between question words and
   * stop words (谁赢得了第 49 届超级碗 → 赢得, 第49届超级碗). A passage that repeats one as it is (see
   * `phraseFit`) names the same thing; none for an English question, whose words are translations.
   */
  runs: string[];
}

/** A question of no terms: to look something up by its bigrams or words alone (a name, a join of two words). */
export const NO_TERMS: QuestionTerms = Object.freeze({
  words: [],
  bigrams: [],
  forms: [],
  alternatives: [],
  names: [],
  pinyinNames: [],
  glossaryNames: [],
  english: false,
  specificity: [],
  highlights: [],
  recent: false,
  type: "other",
  runs: [],
});

/** Turns articles and questions into index terms with one lexicon. */
export interface Analyzer {
  /** An article passage's terms; pass `normal` (the text normalised) when it is at hand already. */
  document(text: string, normal?: string): Terms;
  question(text: string): QuestionTerms;
  /** A name's canonical spelling (川普 → 特朗普); other words as they are. */
  canonical(word: string): string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Creates an analyzer; loads jieba with the lexicon's user dictionary, and the English lemmatizer. */
export function createAnalyzer(lexicon: Lexicon): Analyzer {
  loadSegmenter(lexicon.userDictPath);
  loadLemmatizer();
  const keep = (w: string) => WORD_CHAR.test(w) && !lexicon.stopWords.has(w);
  const canonical = (w: string) => lexicon.aliases.get(w) ?? w;
  const spelling = pinyinSpelling(lexicon.names.pinyin);

  return {
    canonical,
    document(text, normal = normalize(text)) {
      return { words: segment(normal).filter(keep).map(canonical), bigrams: bigrams(normal) };
    },
    question(text) {
      const normal = normalize(text);
      // Mentions (@everyone, @citebot) address people, they are not what the question is about.
      const capitalised = capitalisedWords(text);
      const translated = translateEnglish(
        normal.replace(/@[\p{L}\p{N}_.-]+/gu, " "),
        lexicon,
        spelling,
        namedWithCapitals(text, capitalised),
      );
      const runs = topicRuns(joinSeparated(translated.text), keep);
      const cuts = runs.map((run) => cut(run));
      const words = [...new Set(cuts.flat().filter(keep).map(canonical))];
      // Names the alias lists spell already (特朗普, 川普) need no match by sound.
      const transliterated = cuts
        .flatMap((run) => unknownNames(lexicon.names, run))
        .filter((name) => !lexicon.spellings.has(name) && !lexicon.aliases.has(name));
      const alternatives = translated.groups.map((group) =>
        group.map((headword) => {
          const at = words.indexOf(headword);
          if (at !== -1) return at;
          words.push(headword);
          return words.length - 1;
        }),
      );
      const forms = words.map((w) => [...(lexicon.spellings.get(w) ?? [w])]);
      // A word translated as itself is CC-CEDICT's (Bill 比尔); one it translates only through a stem is more
      // likely a name than an inflection (Manning is no "man").
      // The first word of a sentence is capitalised whatever it is: a name there only if no form of it is English
      // CC-CEDICT knows ("Peyton Manning took…", not "Describe…").
      const unknown = capitalised
        .filter(({ word, first }) => !first || !stems(word).some((form) => lexicon.english.has(form)))
        .map(({ word }) => word)
        .filter(
          (w) =>
            words.includes(w) &&
            !lexicon.english.has(w) &&
            // A capitalised plural of a word CC-CEDICT knows is that word (Schools, Panthers), not a name.
            !(w.endsWith("s") && stems(w).some((form) => lexicon.english.has(form))) &&
            !lexicon.glossary.has(w) &&
            !lexicon.stopWords.has(w),
        );
      const english = isEnglish(normal);
      // An English question's translations are looked up by their bigrams too: the corpus may write one only
      // cut into pieces (jieba cuts 超级碗 into 超级 and 碗), never as a word of its own (see `termWeights`).
      const chineseTranslations = english ? translated.groups.flat().filter((w) => HAN_WORD.test(w)) : [];
      return {
        words,
        bigrams: [...new Set([...runs, ...chineseTranslations].flatMap(bigrams))],
        forms,
        alternatives,
        names: [...unknown, ...transliterated, ...translated.names],
        pinyinNames: translated.names,
        glossaryNames: translated.glossaryNames,
        phraseNames: translated.phraseNames,
        english,
        specificity: words.map((word) => lexicon.specificity(word)),
        highlights: forms.flat().filter((w) => w.length > 1),
        type: answerType(normal),
        recent: RECENT.test(normal),
        runs: english ? [] : topicRuns(joinSeparated(normal.replace(/\s+/g, "")), keep),
      };
    },
  };
}

/** The question with stop words taken out: the pieces between them, each searched as a unit. */
function topicRuns(text: string, keep: (w: string) => boolean): string[] {
  const runs: string[] = [];
  let run = "";
  for (const token of cut(text)) {
    if (keep(token) && !/^\s+$/.test(token)) {
      run += token;
    } else if (run) {
      runs.push(run);
      run = "";
    }
  }
  if (run) runs.push(run);
  return runs;
}

/** Most of the letters are Latin. */
function isEnglish(normal: string): boolean {
  const latin = normal.match(/[a-z]/g)?.length ?? 0;
  const han = normal.match(/\p{Script=Han}/gu)?.length ?? 0;
  return latin > 2 * han;
}

const RECENT = /最近|最新|近期|上一次|latest|most recent|recently|last time/;
