/**
 * The index port: where answering gets its candidate passages. Two implementations sit behind it: MiniSearch in
 * process (the default, `minisearch-index.ts`) and PostgreSQL with RUM (`postgres/`, when `INDEX_URL` is set).
 * Both index the same analysed terms; everything after retrieval (re-ranking, cutting quotes, abstaining) is
 * shared, so the two give the same answers from the same candidates.
 */
import type { QuestionTerms, Terms } from "../question/analyse.ts";
import type { ArticleInfo } from "../types.ts";

/** An index field: the terms one analysis yields of each kind. */
export type Field = keyof Terms;
/** Both fields, in a fixed order. */
export const FIELDS: readonly Field[] = ["words", "bigrams"];

/** The unit the index stores: whole sentences of one paragraph, at most `passageMaxLength` characters. */
export interface Passage {
  /** The article's file name. */
  file: string;
  /** Verbatim text. */
  text: string;
  /** The text normalised (see `normalize`), where it differs from `text`; re-ranking reads it. */
  normal?: string;
  /** Where it stands: paragraph index and character range in it, to tell overlapping passages apart. */
  at: [paragraph: number, start: number, end: number];
}

/** Which version of an article file (and its override) was indexed, to tell whether it changed since. */
export interface FileVersion {
  /** Content hash. */
  hash: string;
  /** Sizes and modification times: when they are unchanged the file is not read again. */
  stamp: string;
}

/** A passage the index found for a question, before re-ranking. */
export interface Candidate {
  id: number;
  passage: Passage;
  /** The engine's relevance score (higher is better); re-ranking only reads it relative to the best. */
  score: number;
}

/** What re-ranking reads about the corpus besides the candidates themselves. */
export interface CorpusStats {
  /** BM25's inverse document frequency of a term, high for rare terms; unseen terms count as rarest. */
  idf(field: Field, term: string): number;
  /** The metadata of an article, for the candidates' files at least. */
  article(file: string): ArticleInfo | undefined;
}

/** One question's retrieval: the candidates, best first, and the statistics to re-rank them with. */
export interface Retrieval extends CorpusStats {
  candidates: Candidate[];
}

/** The words an index holds, at one version (see `SearchIndex.wordsVersion`). */
export interface Vocabulary {
  version: string;
  words: Iterable<string>;
  /**
   * The character bigrams the passages hold, where the index can list them cheaply: where two words meet in a
   * passage (逊维 of 杰克逊维尔), what the names' matcher joins jieba's pieces of a name by. Absent: no joins.
   */
  bigrams?: Iterable<string>;
}

/** How big an index is. */
export interface IndexStats {
  articles: number;
  passages: number;
}

/** The index port every question goes through. */
export interface SearchIndex {
  /** Which engine: for logs and metrics. */
  readonly engine: "minisearch" | "postgres";
  /**
   * The `limit` best passages for a question, with what re-ranking needs. With `accept`, only passages of the
   * files it accepts count (a user's `source:`/`since:` filter): the limit applies after it.
   */
  retrieve(question: QuestionTerms, limit: number, accept?: (file: string) => boolean): Promise<Retrieval>;
  /**
   * A version of the jieba words the passages hold: equal versions, equal words. What is built from the words
   * (the transliterations of English names, `transliterations.ts`) is rebuilt when it changes, not per question.
   */
  wordsVersion(): Promise<string>;
  /** The jieba words the passages hold (the `words` field's terms), with the version they are of. */
  words(): Promise<Vocabulary>;
  /** The indexed articles' metadata, in no particular order. */
  articles(): Promise<ArticleInfo[]>;
  stats(): Promise<IndexStats>;
  /**
   * Every passage indexed now, with its id (the candidates' `id`), and the version of that list: what the
   * semantic layer embeds (src/core/semantic). Optional: an index without it gets no nearest passages.
   */
  passages?(): Promise<{ version: string; passages: Array<{ id: number; passage: Passage }> }>;
  /** The version `passages` would report now: cheap, so that an unchanged list is not fetched again. */
  passagesVersion?(): Promise<string>;
  /**
   * Whether `passages` lists every passage of the corpus now: false while this process brings a shared index in
   * step (a re-index lists only the articles written so far), and in a process that does not write it. What is
   * kept for passages no longer listed (their vectors) is forgotten only when it is true. Absent: always true.
   */
  inStep?(): Promise<boolean>;
  /** Stops keeping the index in step with the corpus directory and releases connections. */
  close(): Promise<void>;
}

/** BM25's inverse document frequency (MiniSearch's formula), from a term's passage count and the corpus size. */
export function inverseDocumentFrequency(passages: number, passagesWithTerm: number): number {
  return Math.log(1 + (passages - passagesWithTerm + 0.5) / (passagesWithTerm + 0.5));
}
