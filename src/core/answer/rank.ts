import { usedWords } from "../index/lookup.ts";
import type { Candidate, CorpusStats } from "../index/port.ts";
import { bigrams, HAN_WORD } from "../language/bigrams.ts";
import type { QuestionTerms } from "../question/analyse.ts";
import { SEARCH_DEFAULTS } from "../settings.ts";
import { characterCoverage, characterWeights } from "./character-fit.ts";
import type { Evidence } from "./evidence.ts";
import { assessPassage, type TermWeights, type Window } from "./passage-fit.ts";
import { titlesNamed } from "./title-fit.ts";

/** A candidate passage after re-ranking. */
export interface Ranked {
  candidate: Candidate;
  /** Final relevance, used for order. */
  score: number;
  /** How much of the question the passage covers, 0–1: the share of the question's rare terms it contains. */
  confidence: number;
  /** The sentences of the passage that carry the answer. */
  window: Window;
  /**
   * For an English question, how much its window says in nats: for each of the question's terms found there,
   * the specificity of its most specific form found (see `informationIn`); 0 for other questions.
   */
  information: number;
  /** What each re-ranking feature added to `score` (its weight times its value): `score` is their sum. */
  features: Record<keyof RankWeights, number>;
}

/** Weights of the re-ranking features; see `rank`. */
export interface RankWeights {
  bm25: number;
  passage: number;
  sentence: number;
  kind: number;
  recency: number;
  /** Weight of how much of the candidate's article title the question names (see `titleShare`). */
  title: number;
  /** Weight of the question words' coverage character by character (see `characterCoverage`). */
  characters: number;
  /** Weight of the longest stretch of the question the answer sentences repeat as it is (see `phraseFit`). */
  phrase: number;
}

/** How the quote is cut from a passage, and the tuned settings ranking reads (defaults: `SEARCH_DEFAULTS`). */
export interface QuoteShape {
  /** Widen the answer sentence(s) with neighbours to at least this many characters. */
  minLength: number;
  /** See `SearchSettings.evidenceTested`. */
  evidenceTested?: number;
  /** See `SearchSettings.maxAlternatives`. */
  maxAlternatives?: number;
}

/** The question's terms with their IDF weights. */
export function termWeights(
  question: QuestionTerms,
  index: CorpusStats,
  maxAlternatives = SEARCH_DEFAULTS.maxAlternatives,
): TermWeights {
  // An empty term is in no passage: its IDF is that of a word the corpus lacks.
  const unseen = index.idf("words", "");
  const idfOf = (word: string) => index.idf("words", word);
  // A translation the corpus writes only inside its words (see `idfWithin`) weighs as its rarest bigram.
  const within = new Map<string, number>();
  if (question.english) {
    const asked = new Set(question.bigrams);
    for (const i of question.alternatives.flat()) {
      const word = question.words[i] ?? "";
      const idf = idfOf(word) < unseen ? undefined : idfWithin(word, asked, index);
      if (idf !== undefined) within.set(word, idf);
    }
  }
  const weightOf = (word: string) => within.get(word) ?? idfOf(word);
  const used = usedWords(
    question,
    (word) => idfOf(word) < unseen,
    (word) => within.has(word),
    maxAlternatives,
  );
  const grouped = new Set(question.alternatives.flat());
  // In an English question, a Latin word the corpus lacks is one no translation was found for (a name): it
  // cannot be matched, so it does not count against the passages.
  const lost = (word: string) => question.english && /^[a-z]/.test(word) && idfOf(word) >= unseen;
  const formsOf = (i: number) => question.forms[i] ?? [question.words[i] ?? ""];
  const specificityOf = (i: number) => formsOf(i).map(() => question.specificity[i] ?? 0);
  const words = question.words.flatMap((word, i) =>
    grouped.has(i) || lost(word)
      ? []
      : [{ forms: formsOf(i), weight: idfOf(word), specificity: specificityOf(i) }],
  );
  // The translations of one English term are one term: any of them counts, weighed as the commonest of them;
  // none in the corpus, it weighs as a Chinese word the corpus lacks.
  for (const group of question.alternatives) {
    const kept = group.filter((i) => used[i]);
    const weight = Math.min(unseen, ...kept.map((i) => weightOf(question.words[i] ?? "")));
    words.push({ forms: kept.flatMap(formsOf), weight, specificity: kept.flatMap(specificityOf) });
  }
  // An English question's bigrams are its Latin words and numbers, and its translations' (alternatives of words,
  // looked up by their bigrams too): as half of the coverage, one number the passage repeats ("50") would stand
  // for the whole question. Its coverage is that of its words.
  const bigrams = question.english
    ? []
    : question.bigrams.map((term) => ({ term, weight: index.idf("bigrams", term) }));
  return {
    words,
    bigrams,
    wordTotal: words.reduce((sum, w) => sum + w.weight, 0),
    bigramTotal: bigrams.reduce((sum, b) => sum + b.weight, 0),
  };
}

/**
 * The IDF of a word the index does not hold that the corpus may still write, cut into pieces (jieba cuts
 * 超级碗, CC-CEDICT's Super Bowl, into 超级 and 碗): that of its rarest bigram, when every one of its bigrams is
 * among the question's (`asked`: the analyzer adds those of such translations, so that both engines count them)
 * and in the corpus; undefined otherwise, or for a word not all of two Han characters or more.
 */
function idfWithin(word: string, asked: ReadonlySet<string>, index: CorpusStats): number | undefined {
  if (!HAN_WORD.test(word)) return undefined;
  const grams = bigrams(word);
  if (!grams.every((gram) => asked.has(gram))) return undefined;
  const unseen = index.idf("bigrams", "");
  const idfs = grams.map((gram) => index.idf("bigrams", gram));
  return idfs.every((idf) => idf < unseen) ? Math.max(...idfs) : undefined;
}

/**
 * Re-ranks the index's candidates. BM25 alone favours passages that repeat one common word; what answers a
 * question is a passage that contains most of its rarer terms, best within one sentence, next to the kind of
 * thing asked for (a date for 哪天). So each candidate is scored by a blend of its BM25 score (relative to the
 * best), its coverage (IDF-weighted share of the question's words and bigrams), its best sentence's coverage,
 * whether that sentence holds an answer of the type wanted (`evidence`; without it, no bonus), how much of its
 * article's title the question names, how many of the question words' characters it holds (paraphrases keep
 * some), how long a stretch of the question its best sentences repeat as it is, and, for questions about the
 * latest events, its date.
 */
export function rank(
  candidates: readonly Candidate[],
  question: QuestionTerms,
  index: CorpusStats,
  weights: RankWeights,
  shape: QuoteShape = { minLength: 0 },
  evidence?: Evidence,
): Ranked[] {
  const best = Math.max(...candidates.map((c) => c.score), Number.MIN_VALUE);
  const terms = termWeights(question, index, shape.maxAlternatives);
  const recency = question.recent ? recencyOf(candidates, index) : undefined;
  // An English term's forms are alternative translations, of which a passage holds one: their characters
  // together would weigh the alternatives it does not hold against it.
  const characters = question.english ? new Map<string, number>() : characterWeights(terms);
  const named = weights.title > 0 ? titlesNamed(candidates, question, index) : undefined;
  const holdsAnswer = weights.kind > 0 ? evidence?.of(question.type, question.forms.flat()) : undefined;
  // Summed in this order, left to right: the score of each candidate is the same number it was as one sum.
  const featuresOf = (candidate: Candidate, confidence: number, window: Window) => ({
    bm25: weights.bm25 * (candidate.score / best),
    phrase: weights.phrase * phraseFit(question.runs, windowText(candidate, window)),
    passage: weights.passage * confidence,
    sentence: weights.sentence * window.coverage,
    kind: window.kindMatch ? weights.kind : 0,
    recency: (recency?.get(candidate.passage.file) ?? 0) * weights.recency,
    title: (named?.get(candidate.passage.file) ?? 0) * weights.title,
    characters:
      weights.characters *
      characterCoverage(candidate.passage.normal ?? candidate.passage.text, window, characters),
  });
  const assess = (candidate: Candidate, holds?: (sentence: string) => boolean): Ranked => {
    const normal = candidate.passage.normal ?? candidate.passage.text;
    const { coverage: confidence, window } = assessPassage(normal, terms, holds, shape.minLength);
    const information = question.english ? informationIn(normal.slice(window.start, window.end), terms) : 0;
    const features = featuresOf(candidate, confidence, window);
    const score = Object.values(features).reduce((sum, value) => sum + value);
    return { candidate, score, confidence, window, information, features };
  };
  const ranked = candidates.map((candidate) => assess(candidate)).sort((a, b) => b.score - a.score);
  if (!holdsAnswer) return ranked;
  // Evidence adds `weights.kind` to a score, and moves the window only to one of nearly the same coverage, so a
  // passage that trails the `evidenceTested`-th by more than that will not reach the top places: its sentences
  // are not tested (tagged), which saves most of the cost.
  const tested = shape.evidenceTested ?? SEARCH_DEFAULTS.evidenceTested;
  const bar = (ranked[tested - 1]?.score ?? Number.NEGATIVE_INFINITY) - weights.kind;
  return ranked
    .map((r) => (r.score >= bar ? assess(r.candidate, holdsAnswer) : r))
    .sort((a, b) => b.score - a.score);
}

/** The normalised text of a candidate's answer sentences. */
function windowText(candidate: Candidate, window: Window): string {
  return (candidate.passage.normal ?? candidate.passage.text).slice(window.start, window.end);
}

/**
 * How much of the question a text repeats word for word, 0–1: the longest stretch of one of the question's
 * `runs` that the text holds (white space aside), past two characters, as a share of all its runs' characters
 * past two. Word and bigram coverage count the terms of 第 49 届超级碗 alike in a passage on 第 33 届超级碗 and
 * in one on 第 49 届超级碗; only the second repeats the phrase. Two characters are any bigram, which coverage
 * counts already; and against its longest run alone, a question whose longest run is one name (习近平) would give
 * every passage naming it full marks.
 */
export function phraseFit(runs: readonly string[], text: string): number {
  const length = runs.reduce((sum, run) => sum + run.length, 0);
  if (length <= PHRASE_FLOOR) return 0;
  const stripped = text.replace(/\s+/g, "");
  let longest = 0; // longest stretch found so far: from each start, only a longer one is tried
  for (const run of runs)
    for (let i = 0; i + longest < run.length; i++)
      while (i + longest < run.length && stripped.includes(run.slice(i, i + longest + 1))) longest++;
  return Math.max(0, longest - PHRASE_FLOOR) / (length - PHRASE_FLOOR);
}

/** Stretches this long or shorter are single bigrams, which coverage counts already. */
const PHRASE_FLOOR = 2;

/**
 * How much a stretch of text says about the question, in nats: the sum, over the question's terms it holds, of
 * the most specific form it holds. Coverage is relative to the question; this is absolute, so a quote that only
 * shares one common word with the question (计划 for "plan") says little however short the question.
 */
export function informationIn(text: string, terms: TermWeights): number {
  let nats = 0;
  for (const { forms, specificity = [] } of terms.words) {
    let best = 0;
    forms.forEach((form, f) => {
      if (form && text.includes(form)) best = Math.max(best, specificity[f] ?? 0);
    });
    nats += best;
  }
  return nats;
}

/** 0–1 by article date among the candidates: 1 for the newest. */
function recencyOf(candidates: readonly Candidate[], index: CorpusStats): Map<string, number> {
  const dates = [...new Set(candidates.map((c) => index.article(c.passage.file)?.date ?? ""))]
    .filter(Boolean)
    .sort();
  const position = new Map(dates.map((d, i) => [d, dates.length > 1 ? i / (dates.length - 1) : 1]));
  return new Map(
    candidates.map((c) => [c.passage.file, position.get(index.article(c.passage.file)?.date ?? "") ?? 0]),
  );
}
