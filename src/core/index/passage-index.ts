import MiniSearch, { type AsPlainObject, type Options, type QueryCombination } from "minisearch";
import type { SearchSettings } from "../settings.ts";
import type { Analyzer, QuestionTerms, Terms } from "../text/analyze.ts";
import type { Article, ArticleInfo } from "../types.ts";
import { analysedPassages } from "./analysed-passages.ts";
import { termsToLookUp, usedWords } from "./lookup.ts";
import type { Pause } from "./pause.ts";
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
export interface Entry {
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

  /** Adds an article, replacing an earlier version of the same file. */
  add(article: Article, version: FileVersion): void {
    for (const _ of this.adding(article, version));
  }

  /**
   * Adds an article like `add`, calling `pause` after each passage so that the caller can let questions be
   * answered meanwhile. They are answered from the index as it was: the new passages become searchable together,
   * once all are in, and the earlier version's stop being found at that moment.
   */
  async addInSlices(article: Article, version: FileVersion, pause: Pause): Promise<void> {
    for (const _ of this.adding(article, version)) await pause();
  }

  /** Records a new stamp for an article file whose content did not change (it was touched or copied). */
  restamp(file: string, stamp: string): void {
    const entry = this.entries.get(file);
    if (entry) entry.version = { ...entry.version, stamp };
  }

  /** Removes an article and its passages, if indexed. */
  remove(file: string): void {
    for (const _ of this.removing(file));
  }

  /** Removes an article like `remove`, calling `pause` after each passage; it is not found from the start. */
  async removeInSlices(file: string, pause: Pause): Promise<void> {
    for (const _ of this.removing(file)) await pause();
  }

  /**
   * Drops what removed passages left in MiniSearch's terms (it discards them lazily, vacuuming now and then), so
   * that a saved index shrinks back once a large article is gone. Runs in batches that yield.
   */
  async compact(): Promise<void> {
    if (this.search.dirtCount > 0) await this.search.vacuum();
  }

  /** Adding, one passage per step; the passages stay out of `passages` (unsearchable) until the last step. */
  private *adding(article: Article, version: FileVersion): Generator<void> {
    const { paragraphs, ...info } = article;
    const added = new Map<number, Passage>();
    for (const { text, normal, at, terms } of analysedPassages(article, this.analyzer, this.settings)) {
      const id = this.nextId++;
      this.search.add({ id, words: treeKeys(terms.words), bigrams: treeKeys(terms.bigrams) });
      this.count(terms, 1);
      added.set(
        id,
        normal === text ? { file: article.file, text, at } : { file: article.file, text, normal, at },
      );
      yield;
    }
    const earlier = this.entries.get(article.file);
    for (const [id, passage] of added) this.passages.set(id, passage);
    this.entries.set(article.file, { info, version, passageIds: [...added.keys()] });
    if (earlier) yield* this.discarding(earlier.passageIds);
  }

  private *removing(file: string): Generator<void> {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.entries.delete(file);
    yield* this.discarding(entry.passageIds);
  }

  /** Takes passages out of `passages` at once (unsearchable from now), then out of MiniSearch one per step. */
  private *discarding(ids: readonly number[]): Generator<void> {
    const gone = ids.flatMap((id) => {
      const passage = this.passages.get(id);
      this.passages.delete(id);
      return passage ? [[id, passage] as const] : [];
    });
    for (const [id, passage] of gone) {
      this.count(this.analyzer.document(passage.text, passage.normal), -1);
      this.search.discard(id);
      yield;
    }
  }

  /** The `limit` best passages for a question by BM25 over both fields, of the files `accept` allows. */
  find(question: QuestionTerms, limit: number, accept?: (file: string) => boolean): Candidate[] {
    const { wordBoost, bigramBoost } = this.settings;
    // One sub-query per field: MiniSearch would otherwise tokenize one query string for all fields.
    const fieldQuery = (field: Field, boost: number, terms: readonly string[]): QueryCombination => ({
      queries: [treeKeys(this.selective(field, terms))],
      fields: [field],
      boost: { [field]: boost },
    });
    const used = usedWords(question, (word) => this.documentFrequency.words.has(word));
    const words = question.words.filter((_, i) => used[i]);
    const queries = [
      fieldQuery("words", wordBoost, words),
      fieldQuery("bigrams", bigramBoost, question.bigrams),
    ].filter((q) => q.queries[0] !== "");
    if (queries.length === 0) return [];
    // Passages of an article still being added (or removed) are in MiniSearch but not yet (or no more) in
    // `passages`: they must not take a candidate's place.
    const filter = (result: { id: number }) => {
      const file = this.passages.get(result.id)?.file;
      return file !== undefined && (accept === undefined || accept(file));
    };
    const results = this.search.search({ combineWith: "OR", queries }, { filter });
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
