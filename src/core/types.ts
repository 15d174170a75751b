/**
 * The plain data that flows from the retrieval core to every adapter.
 * Nothing here knows about Telegram, Discord or terminals: formatting lives in each adapter's `format.ts`.
 */

/** What a source line shows about an article: publisher · title · date · link. */
export interface ArticleInfo {
  /** Basename of the article file in the corpus directory, e.g. `001_a3cf32f92385dae4.txt`. */
  file: string;
  title: string;
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
  /** Matched words, sorted, non-overlapping. */
  highlights: Highlight[];
  /** Relevance; higher is better. Only comparable within one answer. */
  score: number;
  article: ArticleInfo;
  /** Other articles that carry the same fact (near-identical quotes folded into this one). */
  alsoReportedBy: ArticleInfo[];
}

/** What `Qa.ask` returns. An empty `quotes` list means the articles do not cover the question. */
export interface Answer {
  /** The question as it was searched (trimmed, cut to the maximum length). */
  question: string;
  /** Best first. */
  quotes: Quote[];
  /** True when asking again with `offset + limit` would return further quotes. */
  hasMore: boolean;
  /** True when the question was longer than `MAX_QUESTION_LENGTH` and was cut. */
  truncated: boolean;
}

/** Options for `Qa.ask`. */
export interface AskOptions {
  /** How many quotes to return. Default 3. */
  limit?: number;
  /** How many of the best quotes to skip, for paging ("More"). Default 0. */
  offset?: number;
}

/** The one port every adapter calls. */
export interface Qa {
  /** Answers a question with verbatim quotes. Never rejects on user input. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The articles currently indexed, newest first. */
  articles(): Promise<ArticleInfo[]>;
  /** Stops watching the corpus directory. */
  close(): Promise<void>;
}

/** Questions longer than this are cut (and `Answer.truncated` is set). */
export const MAX_QUESTION_LENGTH = 500;

/** A quote never exceeds this many characters. */
export const MAX_QUOTE_LENGTH = 300;
