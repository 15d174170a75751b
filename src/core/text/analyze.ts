import { type AnswerType, answerType } from "./answer-type.ts";
import { MAX_HEADWORDS, MAX_KEY_WORDS, stems } from "./cedict.ts";
import { lemmas, loadLemmatizer } from "./lemmas.ts";
import type { Lexicon } from "./lexicon.ts";
import { normalize } from "./normalize.ts";
import { type PinyinSpelling, pinyinName, pinyinSpelling } from "./pinyin-names.ts";
import { cut, cutKnown, loadSegmenter, segment } from "./segment.ts";
import { unknownNames } from "./transliterate.ts";

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

/** Turns articles and questions into index terms with one lexicon. */
export interface Analyzer {
  /** An article passage's terms; pass `normal` (the text normalised) when it is at hand already. */
  document(text: string, normal?: string): Terms;
  question(text: string): QuestionTerms;
  /** A name's canonical spelling (川普 → 特朗普); other words as they are. */
  canonical(word: string): string;
}

const HAN = /\p{Script=Han}/u;
/** A word of two Han characters or more, and nothing else. */
export const HAN_WORD = /^\p{Script=Han}{2,}$/u;
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

/**
 * Words written with a capital, lower-cased, and whether each is the first of a sentence (where any word is): in
 * English, the others are names. Words in capitals (NFL, APEC) are acronyms, no transliterations.
 */
function capitalisedWords(text: string): Array<{ word: string; first: boolean }> {
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
 * The question with each of its names (`names`) as a group of alternatives: the name as it is (an article may
 * write it so) and the corpus words `transliterate` finds for it, in place of what a stem of it translated to.
 * Names it finds nothing for stay as they were.
 */
export function withTransliterations(
  question: QuestionTerms,
  transliterate: (name: string) => readonly string[],
): QuestionTerms {
  if (question.names.length === 0) return question;
  const words = [...question.words];
  const forms = question.forms.map((f) => [...f]);
  const specificity = [...question.specificity];
  const alternatives = question.alternatives.map((g) => [...g]);
  const joined: string[] = [];
  for (const name of question.names) {
    let at = words.indexOf(name);
    // A transliterated name jieba cut up (see `unknownNames`) is one only where the corpus writes it otherwise,
    // and only once: not one within another found already.
    if (at === -1 && joined.some((other) => other.includes(name) || name.includes(other))) continue;
    const found = transliterate(name).filter((w) => !words.includes(w));
    if (found.length === 0) continue;
    // Its pieces (卢比 and 欧 of 卢比欧) are alternatives of it: not terms of their own, which the corpus may lack,
    // nor lost, since the match may be wrong (英国国会 is not 韩国国会).
    const pieces: number[] = [];
    if (at === -1) {
      for (const [i, word] of words.entries())
        if (name.includes(word) && !alternatives.some((g) => g.includes(i))) pieces.push(i);
      at = words.length;
      words.push(name);
      forms.push([name]);
      specificity.push(0); // read for English questions only
      joined.push(name);
    }
    // The name heads the group of its stem's translations, if it has one (see `translateEnglish`).
    const stemmed = alternatives.findIndex((g) => g[0] === at);
    if (stemmed === -1 && alternatives.some((g) => g.includes(at))) continue;
    const group = [at, ...pieces];
    for (const word of found) {
      group.push(words.length);
      words.push(word);
      forms.push([word]);
      // A transliteration stands for the name: it says as much as the name (a Latin word: the rarest).
      specificity.push(specificity[at] ?? 0);
    }
    if (stemmed === -1) alternatives.push(group);
    else alternatives[stemmed] = group;
  }
  // The stem's translations a name's group replaced are no terms of the question any more.
  const dropped = new Set(
    question.alternatives.flat().filter((i) => !alternatives.some((g) => g.includes(i))),
  );
  const kept = words.map((_, i) => i).filter((i) => !dropped.has(i));
  const position = new Map(kept.map((old, now) => [old, now]));
  const keptForms = kept.map((i) => forms[i] ?? []);
  return {
    ...question,
    words: kept.map((i) => words[i] ?? ""),
    forms: keptForms,
    specificity: kept.map((i) => specificity[i] ?? 0),
    alternatives: alternatives.map((g) => g.map((i) => position.get(i) ?? -1)),
    highlights: keptForms.flat().filter((w) => w.length > 1),
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

/**
 * English words and phrases, longest phrase first: the glossary's are replaced by its Chinese terms (it wins);
 * CC-CEDICT's become a group of alternative translations; stop words go; other Latin words stay as they are
 * (TikTok, APEC). A phrase's last word may be inflected (plurals, -ed, -ing). Where no phrase of two words or
 * more starts, a Chinese name in pinyin (Li Cheng) becomes one word, its syllables joined (licheng), and one of
 * the `names`: its words are not English to the dictionaries, or `capitalised` (written as names are).
 */
function translateEnglish(
  text: string,
  lexicon: Lexicon,
  spelling: PinyinSpelling,
  capitalised: ReadonlySet<string>,
): { text: string; groups: string[][]; names: string[] } {
  const groups: string[][] = [];
  const names: string[] = [];
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
  const translated = text.replace(/[a-z][a-z0-9.'-]*(?:\s+[a-z][a-z0-9.'-]*)*/g, (span) => {
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
      out.push(found?.text ?? ` ${word} `);
      i += found?.n ?? 1;
    }
    return out.join("");
  });
  return { text: translated, groups, names };
}

/**
 * The words a question writes with a capital, which may be names in pinyin (Li, Sun, He: a given name after one
 * is never a sentence's first word, so "He ran" is no name); none in a headline's title case, which capitalises
 * every word of four letters or more.
 */
function namedWithCapitals(
  text: string,
  capitalised: ReadonlyArray<{ word: string; first: boolean }>,
): ReadonlySet<string> {
  const long = text.match(/\p{Script=Latin}{4,}/gu) ?? [];
  if (long.length >= 3 && long.every((word) => /^\p{Lu}/u.test(word))) return new Set();
  return new Set(capitalised.map(({ word }) => word));
}

/** A verb, an aspect (完, 了, 过), maybe a count (个, 几次), and what may be its object. */
const SEPARATED =
  /(\p{Script=Han})(完|了|过)(?:个|一个|一次|几次|两次)?(?![多几什啥哪怎谁])(\p{Script=Han}{1,2})/gu;

/**
 * A verb and its object written apart by an aspect or a count (见完面, 打了个电话, 见过几次面), as the word they
 * make (见面, 打电话): chat splits them, articles seldom do. Only where jieba's dictionary starts a word at the
 * object (not in 已完成, 不了解, whose 完 and 了 begin words) and holds the verb and the object as one; never
 * before a question word (过了多久 is no 过多).
 */
function joinSeparated(text: string): string {
  return text.replace(SEPARATED, (all, verb: string, _aspect: string, object: string) => {
    const starts = new Set<number>();
    let at = 0;
    for (const word of cutKnown(all)) {
      starts.add(at);
      at += word.length;
    }
    if (!starts.has(all.length - object.length)) return all;
    for (const part of [object, object.slice(0, 1)]) {
      const joined = cutKnown(verb + part);
      if (joined.length === 1 && joined[0] === verb + part) return verb + object;
    }
    return all;
  });
}

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

/** Most of the letters are Latin. */
function isEnglish(normal: string): boolean {
  const latin = normal.match(/[a-z]/g)?.length ?? 0;
  const han = normal.match(/\p{Script=Han}/gu)?.length ?? 0;
  return latin > 2 * han;
}

/** Overlapping bigrams of each run of Han characters (a lone character stands for itself), plus each
 * Latin or number word whole: the Lucene CJK analyzer's way of matching words a dictionary lacks. */
export function bigrams(normal: string): string[] {
  const out: string[] = [];
  for (const match of normal.matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    const run = match[0];
    if (!HAN.test(run[0] ?? "") || run.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

const RECENT = /最近|最新|近期|上一次|latest|most recent|recently|last time/;
