/**
 * The plain data that flows from the retrieval core to every adapter.
 * Nothing here knows about Telegram, Discord or terminals: formatting lives in each adapter's `format.ts`.
 */

import type { Comparison } from "./features/compare.ts";
import type { ContextOptions, QuoteContext } from "./features/context.ts";
import type { Timeline, TimelineOptions } from "./features/timeline/timeline.ts";

export type { Comparison, ComparisonSide } from "./features/compare.ts";
export type { ContextOptions, ContextParagraph, QuoteContext } from "./features/context.ts";
export type { EventKind } from "./features/timeline/events.ts";
export type { Timeline, TimelineEvent, TimelineOptions } from "./features/timeline/timeline.ts";

/** What a source line shows about an article: publisher · title · date · link. */
export interface ArticleInfo {
  /** Basename of the article file in the corpus directory, e.g. `001_a3cf32f92385dae4.txt`. */
  file: string;
  /** The article's title; for one that states none, its first words (searched like a title, not shown). */
  title: string;
  /** Set when the article states no title: doors show its publisher and date, not `title`. */
  untitled?: boolean;
  /** The outlet, e.g. `BBC中文`; null when neither the file nor its metadata says. */
  publisher: string | null;
  /** ISO date `YYYY-MM-DD`; null when unknown. */
  date: string | null;
  /** Link to the original article; null when unknown. */
  url: string | null;
  /** Byline, where the article has one. */
  author: string | null;
}

/** A parsed article: its metadata and the quotable paragraphs, verbatim, boilerplate removed. */
export interface Article extends ArticleInfo {
  paragraphs: string[];
}

/** A `[start, end)` range of UTF-16 code units inside `Quote.text`: a matched word to emphasise. */
export type Highlight = readonly [start: number, end: number];

/** One verbatim piece of an article that answers the question. */
export interface Quote {
  /** Verbatim text from the article, in the article's own script; at most 300 characters. */
  text: string;
  /**
   * Its place in the whole answer, 1-based and counted across pages (the first quote of the page at offset 3
   * is 4), so that "Context 4" names the quote shown as 4. Unset on /compare and timeline quotes.
   */
  number?: number;
  /** Matched words, sorted, non-overlapping. */
  highlights: Highlight[];
  /** Relevance; higher is better. Only comparable within one answer. */
  score: number;
  /**
   * True when the quote scores well below the answer's best (`CONFIDENT_SHARE`), on a later page too: it shares
   * the question's words more than it answers it. Doors mark it. Unset on timeline quotes.
   */
  weak?: boolean;
  article: ArticleInfo;
  /** Other articles that carry the same fact (near-identical quotes folded into this one). */
  alsoReportedBy: ArticleInfo[];
  /** Where the quote stands in its article. */
  at: QuoteLocation;
  /**
   * A short ASCII token (at most 32 characters) naming this quote in this version of its article, for buttons
   * that must work after a restart: `Qa.context(ref)` and `Qa.vote` read it back.
   */
  ref: string;
  /** Chosen by the moderators for this question (a pin in the operator's console), not by the ranking. */
  pinned?: boolean;
}

/** Where a quote stands: its article file, the paragraph (0-based) and the `[start, end)` range in it. */
export interface QuoteLocation {
  file: string;
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Why an answer holds no quotes: no passage shares the question's words, or only articles outside its date do, or
 * no quote shares a word with it (`not-covered`); the filter leaves no article, or could not be applied
 * (`filter-matched-nothing`); passages were found but none reached the confidence threshold (`below-confidence`);
 * the question names someone or something no article mentions (`missing-name`, with `Answer.missingNames`).
 */
export type Abstention = "not-covered" | "filter-matched-nothing" | "below-confidence" | "missing-name";

/** What `Qa.ask` returns. */
export interface Answer {
  /** The question as it was searched (cleaned, filters taken out, cut to `MAX_QUESTION_LENGTH`). */
  question: string;
  /** Best first. */
  quotes: Quote[];
  /** True when asking again with `offset + limit` would return further quotes. */
  hasMore: boolean;
  /** True when the question was longer than `MAX_QUESTION_LENGTH` and was cut. */
  truncated: boolean;
  /** The filter the quotes were chosen under (from the question or `AskOptions.filter`); undefined when none. */
  filter?: AppliedFilter;
  /**
   * Names the question asks about that no article mentions in any spelling (as the question writes them), with no
   * quotes: the reply can say which ("The articles don't mention Lula"). Undefined when every name is mentioned.
   */
  missingNames?: string[];
  /** Set, with no quotes, when the filter could not be applied: say why rather than answer unfiltered. */
  filterProblem?: FilterProblem;
  /**
   * Set, with no quotes, when the bot abstains, and why; undefined when quotes were given (or a later page is
   * empty: the earlier ones answered).
   */
  abstained?: Abstention;
  /** Why these quotes, with `AskOptions.explain`: for the operator's console and `ask --explain`. */
  explanation?: Explanation;
  /**
   * Set, with no quotes, when the question is only a filter (`source:BBC`): the articles within it, newest first,
   * for the door to list with their source lines.
   */
  articles?: ArticleInfo[];
}

/** Why a question got the quotes it got (or none); see `AskOptions.explain`. */
export interface Explanation {
  /** The question's terms: each with its forms (spellings, name variants, synonyms, translations) and IDF weight. */
  terms: Array<{ forms: string[]; weight: number }>;
  /** Asked in English: its terms are dictionary translations, with a threshold of their own. */
  english: boolean;
  /** What the question asks for: a person, a date, a number… (`other` when its words do not say). */
  answerType: string;
  /** The confidence (share of the question's terms covered) a passage needs to be quoted. */
  threshold: number;
  /** For an English question, the information (nats) a quote must also hold. */
  minInformation?: number;
  /** The re-ranked candidates, best first, with what each re-ranking feature added to their score. */
  candidates: Array<{
    file: string;
    title: string;
    /** The start of the passage. */
    text: string;
    score: number;
    confidence: number;
    information?: number;
    features: Record<string, number>;
    /** Above the threshold (and within the question's dates): quotable. */
    passed: boolean;
  }>;
  /** Set when nothing was quoted: why. */
  abstained?: string;
}

/** Which articles to quote from, as a user writes it: `source:BBC`, `since:2025-01`, `until:2025-06-30`. */
export interface FilterRequest {
  /** A publisher, or part of its name, in either script: `BBC`, `新华社`, `大紀元`. */
  source?: string;
  /** First day, month or year to include: `2025`, `2025-01`, `2025-01-15`. */
  since?: string;
  /** Last day, month or year to include. */
  until?: string;
}

/** A filter as applied: publishers resolved to the names the articles use, dates to whole days. */
export interface AppliedFilter {
  /** The indexed publishers that matched `source`; undefined when not filtering by publisher. */
  publishers?: string[];
  /** ISO date, inclusive. Articles of unknown date are left out whenever a date bound is set. */
  since?: string;
  /** ISO date, inclusive. */
  until?: string;
}

/** Why a filter was not applied, or why it leaves nothing to answer from. */
export type FilterProblem =
  | { kind: "unknownSource"; asked: string; known: string[] }
  | { kind: "badDate"; asked: string }
  | { kind: "sinceAfterUntil"; since: string; until: string }
  /** The filter was applied and leaves no article to answer from. */
  | { kind: "noArticles"; filter: AppliedFilter };

/** Options for `Qa.ask`. */
export interface AskOptions {
  /** How many quotes to return. Default `PAGING.quotesPerPage`. */
  limit?: number;
  /** How many of the best quotes to skip, for paging ("More"). Default 0. */
  offset?: number;
  /** Quote only these articles; combined with any `source:`/`since:`/`until:` written in the question. */
  filter?: FilterRequest;
  /** Also say why (`Answer.explanation`). Default false. */
  explain?: boolean;
}

/** A user's 👍 or 👎 on an answer, as an adapter reports it to `Qa.vote`. */
export interface VoteRequest {
  /** `telegram`, `discord`, `console`. */
  platform: string;
  /** The platform's user id; only a salted hash of it is stored. */
  userId: string;
  vote: "up" | "down";
  question: string;
  /** `Quote.ref` of each quote the answer showed. */
  refs: string[];
}

/**
 * What became of a vote: `recorded`, `unchanged` (the user had voted so on that answer already) or `failed`
 * (not kept: a full disk, a database away).
 */
export type VoteOutcome = "recorded" | "unchanged" | "failed";

/** Options for `Qa.compare`. */
export interface CompareOptions {
  filter?: FilterRequest;
}

/** The one port every adapter calls. */
export interface Qa {
  /**
   * Answers a question with verbatim quotes. `source:`/`since:`/`until:` in the question, and `options.filter`,
   * restrict the articles quoted. Never rejects on user input.
   */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** How each outlet reported it: the best quote per publisher, and the publishers that did not cover it. */
  compare(question: string, options?: CompareOptions): Promise<Comparison>;
  /**
   * Calls, meetings, talks and visits the articles report as done (not plans), newest first; a question narrows
   * it to events whose paragraph or article names it, in any spelling the alias lists know.
   */
  timeline(question?: string, options?: TimelineOptions): Promise<Timeline>;
  /**
   * The paragraph of a quote (`Quote.ref`) and one on each side, or as many as `options.radius` asks ("more");
   * undefined once the quote is no longer in its article.
   */
  context(ref: string, options?: ContextOptions): Promise<QuoteContext | undefined>;
  /**
   * Records a vote, one per user and answer (a different one replaces it, the same one again writes nothing);
   * resolves with what became of it, so the user can be told when it was not kept. Never rejects.
   */
  vote(vote: VoteRequest): Promise<VoteOutcome>;
  /** The articles currently indexed, newest first. */
  articles(): Promise<ArticleInfo[]>;
  /** The publishers of the indexed articles, sorted (for autocomplete and for "unknown source" replies). */
  publishers(): Promise<string[]>;
  /** Stops watching the corpus directory and waits for votes being written. */
  close(): Promise<void>;
}

/** Questions longer than this are cut (and `Answer.truncated` is set), on every door: the one limit. */
export const MAX_QUESTION_LENGTH = 500;

/** A quote never exceeds this many characters. */
export const MAX_QUOTE_LENGTH = 300;
