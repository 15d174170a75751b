import MiniSearch, { type AsPlainObject, type Options, type QueryCombination } from "minisearch";
import type { SearchSettings } from "../settings.ts";
import type { Analyzer, QuestionTerms, Terms } from "../text/analyze.ts";
import type { Article, ArticleInfo } from "../types.ts";
import { analysedPassages } from "./analysed-passages.ts";
import { termsToLookUp } from "./lookup.ts";
import {
  type Candidate,
  FIELDS,
  type Field,
  type FileVersion,
  inverseDocumentFrequency,
  type Passage,
} from "./port.ts";
import { treeKeys } from "./term-key.ts";

/** One article as the index knows it. */
interface Entry {
  info: ArticleInfo;
  version: FileVersion;
  passageIds: number[];
}

/**
 * One term of MiniSearch's saved index: the term's tree key (its spelling in letters, see `term-key.ts`; read
 * the term back with `termOfKey`), and per field the passages that hold it, with how often.
 */
export type SavedTerm = AsPlainObject["index"][number];

/** What `toJSON` writes and `fromJSON` reads. Its large parts are lists, to be saved and read an item at a time. */
export interface IndexSnapshot {
  entries: Array<[string, Entry]>;
  passages: Array<[number, Passage]>;
  nextId: number;
  documentFrequency: Record<Field, Array<[string, number]>>;
  /** MiniSearch's saved state, but for its terms. */
  search: Omit<AsPlainObject, "index">;
  /** MiniSearch's terms: most of the snapshot. */
  terms: SavedTerm[];
}

/**
 * MiniSearch over article passages, with two fields: jieba words and character bigrams. It also keeps how
 * many passages contain each term, which re-ranking and abstention need and MiniSearch does not expose.
 */
export class PassageIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly passages = new Map<number, Passage>();
  /** How many passages contain each term, per field. */
  private readonly documentFrequency: Record<Field, Map<string, number>> = {
    words: new Map(),
    bigrams: new Map(),
  };
  private nextId = 0;

  private constructor(
    private readonly search: MiniSearch<{ id: number } & Record<Field, string>>,
    private readonly analyzer: Analyzer,
    private readonly settings: SearchSettings,
  ) {}

  /** An empty index. */
  static create(analyzer: Analyzer, settings: SearchSettings): PassageIndex {
    return new PassageIndex(new MiniSearch(miniSearchOptions(settings)), analyzer, settings);
  }

  /**
   * An index restored from `toJSON()` output; throws if the snapshot is malformed. The terms are iterated once,
   * so they may be read lazily, one at a time.
   */
  static fromJSON(
    snapshot: Omit<IndexSnapshot, "terms"> & { terms: Iterable<SavedTerm> },
    analyzer: Analyzer,
    settings: SearchSettings,
  ): PassageIndex {
    // MiniSearch.loadJS reads its `index` with one for…of, which any iterable serves.
    const search = { ...snapshot.search, index: snapshot.terms } as AsPlainObject;
    const index = new PassageIndex(
      MiniSearch.loadJS(search, miniSearchOptions(settings)),
      analyzer,
      settings,
    );
    for (const [file, entry] of snapshot.entries) index.entries.set(file, entry);
    for (const [id, passage] of snapshot.passages) index.passages.set(id, passage);
    for (const field of FIELDS) index.documentFrequency[field] = new Map(snapshot.documentFrequency[field]);
    index.nextId = snapshot.nextId;
    return index;
  }

  /** Everything needed to restore this index. */
  toJSON(): IndexSnapshot {
    const { index: terms, ...search } = this.search.toJSON();
    return {
      entries: [...this.entries],
      passages: [...this.passages],
      nextId: this.nextId,
      documentFrequency: {
        words: [...this.documentFrequency.words],
        bigrams: [...this.documentFrequency.bigrams],
      },
      search,
      terms,
    };
  }

  /** Number of passages indexed. */
  get size(): number {
    return this.passages.size;
  }

  /** Which version of each indexed article file was indexed, by file name. */
  files(): ReadonlyMap<string, FileVersion> {
    return new Map([...this.entries].map(([file, entry]) => [file, entry.version]));
  }

  /** The indexed articles' metadata. */
  articles(): ArticleInfo[] {
    return [...this.entries.values()].map((entry) => entry.info);
  }

  /** The metadata of one indexed article. */
  article(file: string): ArticleInfo | undefined {
    return this.entries.get(file)?.info;
  }

  /** Adds an article (replacing an earlier version of the same file). */
  add(article: Article, version: FileVersion): void {
    this.remove(article.file);
    const { paragraphs, ...info } = article;
    const passageIds: number[] = [];
    for (const { text, normal, at, terms } of analysedPassages(article, this.analyzer, this.settings)) {
      const id = this.nextId++;
      this.search.add({ id, words: treeKeys(terms.words), bigrams: treeKeys(terms.bigrams) });
      this.count(terms, 1);
      this.passages.set(
        id,
        normal === text ? { file: article.file, text, at } : { file: article.file, text, normal, at },
      );
      passageIds.push(id);
    }
    this.entries.set(article.file, { info, version, passageIds });
  }

  /** Records a new stamp for an article file whose content did not change (it was touched or copied). */
  restamp(file: string, stamp: string): void {
    const entry = this.entries.get(file);
    if (entry) entry.version = { ...entry.version, stamp };
  }

  /** Removes an article and its passages, if indexed. */
  remove(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    for (const id of entry.passageIds) {
      const passage = this.passages.get(id);
      if (passage) this.count(this.analyzer.document(passage.text, passage.normal), -1);
      this.search.discard(id);
      this.passages.delete(id);
    }
    this.entries.delete(file);
  }

  /** The `limit` best passages for a question by BM25 over both fields, of the files `accept` allows. */
  find(question: QuestionTerms, limit: number, accept?: (file: string) => boolean): Candidate[] {
    const { wordBoost, bigramBoost } = this.settings;
    // One sub-query per field: MiniSearch would otherwise tokenize one query string for all fields.
    const fieldQuery = (field: Field, boost: number): QueryCombination => ({
      queries: [treeKeys(this.selective(field, question[field]))],
      fields: [field],
      boost: { [field]: boost },
    });
    const queries = [fieldQuery("words", wordBoost), fieldQuery("bigrams", bigramBoost)].filter(
      (q) => q.queries[0] !== "",
    );
    if (queries.length === 0) return [];
    const filter = accept && ((result: { id: number }) => accept(this.passages.get(result.id)?.file ?? ""));
    const results = this.search.search({ combineWith: "OR", queries }, filter ? { filter } : {});
    return results.slice(0, limit).flatMap((result) => {
      const passage = this.passages.get(result.id);
      return passage ? [{ id: result.id, passage, score: result.score }] : [];
    });
  }

  /** The terms of a field worth looking up (see `termsToLookUp`). */
  private selective(field: Field, terms: readonly string[]): string[] {
    const frequency = this.documentFrequency[field];
    return termsToLookUp(terms, (term) => frequency.get(term) ?? 0, this.passages.size, this.settings);
  }

  /** Inverse document frequency of a term (BM25's), high for rare terms; unseen terms count as rarest. */
  idf(field: Field, term: string): number {
    return inverseDocumentFrequency(this.passages.size, this.documentFrequency[field].get(term) ?? 0);
  }

  private count(terms: Terms, delta: 1 | -1): void {
    for (const field of FIELDS) {
      const frequency = this.documentFrequency[field];
      for (const term of new Set(terms[field])) {
        const next = (frequency.get(term) ?? 0) + delta;
        if (next > 0) frequency.set(term, next);
        else frequency.delete(term);
      }
    }
  }

  /**
   * Number of postings: the (term, passage) pairs over both fields of the passages indexed now, counted once
   * however often a term occurs in a passage (MiniSearch keeps a removed passage's until its next vacuum). The
   * index's memory grows with this count rather than with passages, so the bench reports memory per posting.
   */
  postings(): number {
    let total = 0;
    for (const field of FIELDS) {
      for (const passages of this.documentFrequency[field].values()) total += passages;
    }
    return total;
  }
}

function miniSearchOptions(settings: SearchSettings): Options<{ id: number } & Record<Field, string>> {
  return {
    fields: [...FIELDS],
    storeFields: [],
    // Terms arrive already analysed (segmented, normalised, stop words out), joined by spaces.
    tokenize: (text) => text.split(" "),
    processTerm: (term) => term || null,
    // No `prefix` or `fuzzy`: on tree keys they would match fractions of characters (see term-key.ts).
    searchOptions: {
      bm25: settings.bm25,
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term || null,
    },
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1 },
  };
}
