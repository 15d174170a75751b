import type { CorpusStats, SearchIndex } from "../index/port.ts";
import { HAN } from "../language/bigrams.ts";
import type { NameCharacters } from "../language/cedict.ts";
import { normalize } from "../language/normalize.ts";
import type { Analyzer, QuestionTerms } from "../question/analyse.ts";
import type { AnswerType } from "../question/answer-type.ts";
import { fitsMonthDay, fitsPeriod, namesMonthDay } from "../question/dates.ts";
import type { ParsedQuestion } from "../question/parse.ts";
import type { Transliterator } from "../question/transliterations.ts";
import type { SearchSettings } from "../settings.ts";
import type { Abstention } from "../types.ts";
import { bylineOf } from "./byline.ts";
import { askedNames, missingNames } from "./names.ts";
import type { Ranked } from "./rank.ts";
import type { Found } from "./retrieve.ts";
import type { Scoped } from "./scope.ts";

/**
 * What deciding needs: the thresholds, the index and analyzer a byline and a name are looked up with, and what
 * tells a question's names (without `nameCharacters`, no Chinese name decides).
 */
export interface DecideParts {
  index: SearchIndex;
  analyzer: Analyzer;
  settings: Pick<
    SearchSettings,
    "minConfidence" | "minConfidenceEnglish" | "minInformationEnglish" | "minConfidenceEnglishWritten"
  >;
  /** The characters of transliterated names (CC-CEDICT's): which unknown words of a question are names. */
  nameCharacters?: NameCharacters;
  /** The corpus's other transliterations of a Chinese name (赛斯纳 for 塞斯纳); none without. */
  transliterate?: Transliterator;
}

/**
 * The passages to answer with, best first, or why the bot abstains (with `missing-name`, the names no article
 * mentions, as the question writes them).
 */
export type Decision =
  | { answer: Ranked[]; abstained?: undefined }
  | { abstained: Abstention; missingNames?: string[] };

/** The answer types that ask about the article itself rather than what it reports. */
const ABOUT_ARTICLE: ReadonlySet<AnswerType> = new Set(["author", "outlet", "published"]);

/**
 * Answer or abstain: the ranked passages that reach the confidence threshold (an English question's also say
 * enough, see `informationIn`) and, where articles in scope carry dates, stand in articles of the date the
 * question names. A name the question asks about that no article writes in any spelling: `missing-name`, whatever
 * else the question shares with them (a quote about 习近平's talks does not answer what 卢拉 said to him). None
 * found: `not-covered`; none confident enough: `below-confidence`; none of that date: `not-covered`. A question about the article itself is answered by its byline first where the best article
 * has one.
 */
export async function decide(
  parts: DecideParts,
  question: ParsedQuestion,
  scoped: Scoped,
  { terms, retrieval }: Found,
  ranked: readonly Ranked[],
): Promise<Decision> {
  const { settings } = parts;
  // An English question's own names decide only beside a glossary name (see `decisive`), so only then are they
  // looked up; the Chinese names it writes (岸田文雄) decide as a Chinese question's do.
  const latinNames = !terms.english || terms.glossaryNames.length > 0;
  const asked = askedNames(
    question.text,
    normalize(question.text),
    terms,
    parts.analyzer.canonical,
    parts.nameCharacters,
    latinNames,
  );
  const { nameCharacters, transliterate } = parts;
  const lookup = { stats: retrieval, index: parts.index, variants: transliterate?.variants, nameCharacters };
  const missing = await missingNames(asked, lookup);
  if (missing.length > 0 && decisive(terms, missing, retrieval))
    return { abstained: "missing-name", missingNames: missing };
  if (ranked.length === 0) return { abstained: "not-covered" };
  const threshold = confidenceNeeded(terms, retrieval, settings);
  const minInformation = informationNeeded(terms, retrieval, settings) ?? 0;
  const confident = ranked.filter((r) => r.confidence >= threshold && r.information >= minInformation);
  if (confident.length === 0) return { abstained: "below-confidence" };
  const answer = scoped.dated ? confident.filter(withinDate(question, retrieval)) : confident;
  const best = answer[0];
  if (!best) return { abstained: "not-covered" };
  if (!ABOUT_ARTICLE.has(terms.type)) return { answer };
  const byline = await bylineOf(terms.type, best, retrieval, parts.index, parts.analyzer);
  return { answer: byline ? [byline, ...answer] : answer };
}

/**
 * The confidence a passage needs: `minConfidence` for a Chinese question; for an English one,
 * `minConfidenceEnglishWritten` where the corpus writes every one of its terms, `minConfidenceEnglish` otherwise.
 */
export function confidenceNeeded(
  terms: QuestionTerms,
  stats: CorpusStats,
  settings: DecideParts["settings"],
): number {
  if (!terms.english) return settings.minConfidence;
  return writesEveryTerm(terms, stats)
    ? Math.min(settings.minConfidenceEnglishWritten, settings.minConfidenceEnglish)
    : settings.minConfidenceEnglish;
}

/**
 * Whether the corpus writes every term of a question as a word of its own: each word, a translation of each
 * English word or phrase, and each Latin word (a name no translation was found for, which coverage leaves out).
 * A translation the corpus holds only the bigrams of (马斯 and 斯克 of other words, for Musk's 马斯克) does not count.
 */
function writesEveryTerm(terms: QuestionTerms, stats: CorpusStats): boolean {
  const unseen = stats.idf("words", "");
  const written = (i: number) => stats.idf("words", terms.words[i] ?? "") < unseen;
  const grouped = new Set(terms.alternatives.flat());
  return (
    terms.words.every((_, i) => grouped.has(i) || written(i)) &&
    terms.alternatives.every((group) => group.some(written))
  );
}

/**
 * The information (nats) an English question's quote must hold: `minInformationEnglish`, or nearly all the
 * question asks where it asks less; undefined for a Chinese question.
 */
export function informationNeeded(
  terms: QuestionTerms,
  stats: CorpusStats,
  settings: DecideParts["settings"],
): number | undefined {
  if (!terms.english) return undefined;
  return Math.min(settings.minInformationEnglish, SAYS_ALL * askedInformation(terms, stats));
}

/**
 * Whether names the question asks about that no article writes decide that the articles do not cover it: always
 * for a Chinese question, and for a Chinese name an English one writes (岸田文雄). An English question's own names
 * decide where it also names something of the glossary's (`QuestionTerms.glossaryNames`: Xi, Biden, Beijing) and the
 * corpus writes every other term of it. Such a question is about the corpus's subject, and the name is what the
 * corpus lacks (Lula, Kishida). Elsewhere the corpus may well write a name the transliterations miss (胡格诺 for
 * Huguenot): on xquad-dev English, letting every missing name decide where the corpus writes the
 * question's other terms cost 0.035 hit@1 (0.644 to 0.609), and whether or not it does 0.054, for one off-topic
 * English question of 400 fewer answered (2.8% to 2.5%), even with the names jieba cuts in two found
 * (`NameMatcher.joins`).
 */
function decisive(terms: QuestionTerms, missing: readonly string[], stats: CorpusStats): boolean {
  if (!terms.english || missing.some((name) => HAN.test(name))) return true;
  return terms.glossaryNames.length > 0 && writesEveryTerm(without(terms, missing), stats);
}

/**
 * The question without the words `names` wrote (in any case) and the translations they are alternatives with:
 * what else it asks about.
 */
function without(terms: QuestionTerms, names: readonly string[]): QuestionTerms {
  const dropped = new Set(names.map((name) => name.toLowerCase()));
  // A name CC-CEDICT translates whole is no word of the question: its translations are (see `phraseNames`).
  for (const { name, translations } of terms.phraseNames ?? [])
    if (dropped.has(name)) for (const translation of translations) dropped.add(translation);
  const drop = new Set<number>();
  terms.words.forEach((word, i) => {
    if (dropped.has(word)) drop.add(i);
  });
  for (const group of terms.alternatives)
    if (group.some((i) => drop.has(i))) for (const i of group) drop.add(i);
  const kept = terms.words.map((_, i) => i).filter((i) => !drop.has(i));
  const at = new Map(kept.map((i, now) => [i, now]));
  return {
    ...terms,
    words: kept.map((i) => terms.words[i] ?? ""),
    forms: kept.map((i) => terms.forms[i] ?? []),
    specificity: kept.map((i) => terms.specificity[i] ?? 0),
    alternatives: terms.alternatives
      .filter((group) => !group.some((i) => drop.has(i)))
      .map((group) => group.map((i) => at.get(i) ?? -1)),
  };
}

/** The share of what a short English question asks (see `askedInformation`) a quote that says it all holds. */
const SAYS_ALL = 0.95;

/**
 * How much an English question asks, in nats: over its terms, each word's specificity, and for the translations
 * of one English word (any of which counts), the most specific one's, whether or not the corpus writes it. A
 * Latin word the corpus lacks (a name no translation was found for) is left out, as coverage leaves it out. A
 * question of few words asks less than `minInformationEnglish`: a quote holding all of it says enough.
 */
export function askedInformation(terms: QuestionTerms, stats: CorpusStats): number {
  const unseen = stats.idf("words", "");
  const grouped = new Set(terms.alternatives.flat());
  const lost = (word: string) => /^[a-z]/.test(word) && stats.idf("words", word) >= unseen;
  let nats = 0;
  terms.words.forEach((word, i) => {
    if (!grouped.has(i) && !lost(word)) nats += terms.specificity[i] ?? 0;
  });
  for (const group of terms.alternatives)
    nats += Math.max(
      0,
      ...group.filter((i) => !lost(terms.words[i] ?? "")).map((i) => terms.specificity[i] ?? 0),
    );
  return nats;
}

/**
 * Whether a passage stands in an article of the question's date (or of no known date): within its period, or
 * for a day or month without a year, that day or month of any year or soon after, or naming it (a later article
 * looking back).
 */
function withinDate(question: ParsedQuestion, retrieval: Found["retrieval"]): (r: Ranked) => boolean {
  const { date } = question;
  if (!date) return () => true;
  return ({ candidate: { passage } }) => {
    const published = retrieval.article(passage.file)?.date;
    if (!published) return true;
    if (date.kind === "period") return fitsPeriod(published, date.period);
    return (
      fitsMonthDay(published, date.monthDay) || namesMonthDay(passage.normal ?? passage.text, date.monthDay)
    );
  };
}
