import { encodeRef } from "../context.ts";
import type { Passage, Retrieval, SearchIndex } from "../index/port.ts";
import type { Transliterator } from "../index/transliterations.ts";
import { cleanQuestion } from "../question.ts";
import type { SemanticLayer } from "../semantic/layer.ts";
import type { SearchSettings } from "../settings.ts";
import type { Analyzer } from "../text/analyze.ts";
import type { AnswerType } from "../text/answer-type.ts";
import { normalize } from "../text/normalize.ts";
import {
  fitsMonthDay,
  fitsPeriod,
  namesMonthDay,
  questionMonthDay,
  questionPeriod,
} from "../text/question-date.ts";
import { safePrefix } from "../text/truncate.ts";
import { type Answer, type AskOptions, MAX_QUESTION_LENGTH, type Quote } from "../types.ts";
import { bylineOf } from "./byline.ts";
import type { Evidence } from "./evidence.ts";
import { findHighlights } from "./highlight.ts";
import { type Ranked, rank } from "./rank.ts";
import { type EventFacts, eventFacts, sameEvent } from "./same-event.ts";

/** What answering needs: the index, the analyzer that built it, and the settings. */
export interface AnswerContext {
  index: SearchIndex;
  analyzer: Analyzer;
  settings: SearchSettings;
  /** Which sentences hold an answer of the type a question asks for; without it, no sentence is preferred so. */
  evidence?: Evidence;
  /** Adds the corpus's transliterations of a question's English names (`createTransliterator`); none without. */
  transliterate?: Transliterator;
  /** The opt-in semantic re-ranking (src/core/semantic), when an operator set a model endpoint. */
  semantic?: SemanticLayer;
  /** The clock that relative dates in questions (去年10月) count from; the system clock by default. */
  now?: () => Date;
}

/** A quote before paging: highlights are only worked out for the page shown. */
interface Draft {
  ranked: Ranked;
  text: string;
  /** Where `text` starts in the passage. */
  start: number;
  /** `text` normalised. */
  normal: string;
  facts: EventFacts;
  alsoReportedBy: Set<string>;
}

/** The answer types that ask about the article itself rather than what it reports. */
const ABOUT_ARTICLE: ReadonlySet<AnswerType> = new Set(["author", "outlet", "published"]);

/**
 * Answers a question: search, re-rank, abstain below the confidence threshold, cut each quote, fold quotes of
 * the same fact from other articles into "also reported by", then page. Only the files `accept` allows are
 * searched. Never throws on user input.
 */
export async function answerQuestion(
  context: AnswerContext,
  question: string,
  { limit = 3, offset = 0 }: AskOptions = {},
  accept?: (file: string) => boolean,
): Promise<Answer> {
  const { analyzer, settings } = context;
  const cleaned = cleanQuestion(question);
  const truncated = cleaned.length > MAX_QUESTION_LENGTH;
  const searched = safePrefix(cleaned, MAX_QUESTION_LENGTH);
  let { terms, found, ranked } = await search(context, searched, accept);
  // A dated question is about an event of that time: articles dated outside it report on other events. Where
  // articles carry dates, the date picks them; as words it would only count against passages not repeating it.
  const normal = normalize(searched);
  const period = questionPeriod(normal, context.now?.() ?? new Date());
  const monthDay = period ? undefined : questionMonthDay(normal);
  const dated =
    (period !== undefined || monthDay !== undefined) &&
    found.candidates.some((c) => found.article(c.passage.file)?.date);
  const without = ([start, end]: readonly [number, number]) => searched.slice(0, start) + searched.slice(end);
  if (period && dated) {
    ({ terms, found, ranked } = await search(context, without(period.at), accept));
    const within = found;
    ranked = ranked.filter((r) => {
      const date = within.article(r.candidate.passage.file)?.date;
      return !date || fitsPeriod(date, period);
    });
  } else if (monthDay && dated) {
    // A day or month without a year (6月5日, 6月) is that day or month of any year: articles dated in it or soon
    // after, and passages naming it (a later article looking back). Its words stay in a Chinese question, where a
    // passage that repeats them is the one wanted; an English one's (April 2, June) are not how the articles write it.
    if (terms.english) ({ terms, found, ranked } = await search(context, without(monthDay.at), accept));
    const within = found;
    ranked = ranked.filter((r) => {
      const { passage } = r.candidate;
      const date = within.article(passage.file)?.date;
      return !date || fitsMonthDay(date, monthDay) || namesMonthDay(passage.normal ?? passage.text, monthDay);
    });
  }

  // A question about the article itself is answered by its byline where the best article has one.
  if (ABOUT_ARTICLE.has(terms.type) && ranked[0]) {
    const byline = await bylineOf(terms.type, ranked[0], found, context.index, analyzer);
    if (byline) ranked = [byline, ...ranked];
  }

  const drafts: Draft[] = [];
  const named = new Map<string, ReadonlySet<string>>();
  for (const r of ranked) {
    if (drafts.length > offset + limit) break; // one more than the page, to know whether there is more
    if (drafts.some((d) => shows(d.ranked.candidate.passage, r))) continue;
    const { text, start, normal } = cutQuote(r, settings.quote);
    const file = r.candidate.passage.file;
    const facts = eventFacts(normal, found.article(file)?.date ?? null, analyzer.canonical, named);
    const same = drafts.find((d) => d.ranked.candidate.passage.file !== file && sameEvent(d.facts, facts));
    if (same) same.alsoReportedBy.add(file);
    else drafts.push({ ranked: r, text, start, normal, facts, alsoReportedBy: new Set() });
  }
  const quotes = drafts.slice(offset, offset + limit).flatMap((draft): Quote[] => {
    const { file, at: where } = draft.ranked.candidate.passage;
    const article = found.article(file);
    if (!article) return [];
    const start = where[1] + draft.start;
    const at = { file, paragraph: where[0], start, end: start + draft.text.length };
    return [
      {
        text: draft.text,
        highlights: findHighlights(draft.text, terms.highlights, draft.normal),
        score: draft.ranked.score,
        article,
        alsoReportedBy: [...draft.alsoReportedBy].flatMap((other) => found.article(other) ?? []),
        at,
        ref: encodeRef(at, draft.text),
      },
    ];
  });
  return { question: searched, quotes, hasMore: drafts.length > offset + limit, truncated };
}

/** The question's terms, the index's candidates, and those re-ranked above the confidence threshold. */
async function search(context: AnswerContext, question: string, accept?: (file: string) => boolean) {
  const { index, analyzer, settings, evidence } = context;
  const analysed = analyzer.question(question);
  const terms = context.transliterate ? await context.transliterate(analysed) : analysed;
  context.semantic?.prepare(question);
  const retrieved = await index.retrieve(terms, settings.candidates, accept);
  const threshold = terms.english ? settings.minConfidenceEnglish : settings.minConfidence;
  const shape = { minLength: settings.quoteMinLength };
  const rankAll = (f: Retrieval) => rank(f.candidates, terms, f, settings.weights, shape, evidence);
  const { found, ranked: all } = context.semantic
    ? await context.semantic.rank(question, retrieved, rankAll, accept)
    : { found: retrieved, ranked: rankAll(retrieved) };
  const ranked = all.filter(
    (r) => r.confidence >= threshold && (!terms.english || r.information >= settings.minInformationEnglish),
  );
  return { terms, found, ranked };
}

/** The quote of a ranked passage: all of it, or the sentences that carry the answer; verbatim and normalised. */
function cutQuote(
  ranked: Ranked,
  shape: SearchSettings["quote"],
): { text: string; start: number; normal: string } {
  const { text: passage, normal = passage } = ranked.candidate.passage;
  if (shape === "passage") return { text: passage, start: 0, normal };
  const raw = passage.slice(ranked.window.start, ranked.window.end);
  const start = ranked.window.start + raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, start, normal: normal.slice(start, start + text.length) };
}

/** A passage already shown holds the sentences that answer in another (overlapping passages of one paragraph). */
function shows(shown: Passage, other: Ranked): boolean {
  const { file, at } = other.candidate.passage;
  if (shown.file !== file || shown.at[0] !== at[0]) return false;
  return shown.at[1] <= at[1] + other.window.start && at[1] + other.window.end <= shown.at[2];
}
