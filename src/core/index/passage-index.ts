import type { Analyzer, QuestionTerms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import type { Article, ArticleInfo } from "../types.ts";
import { analysedPassages } from "./analysed-passages.ts";
import {
  createSearch,
  loadSearch,
  type PassageSearch,
  questionQuery,
  type SavedTerm,
  saveSearch,
} from "./minisearch-state.ts";
import { createNormaliser } from "./normalised-passages.ts";
import type { Pause } from "./pause.ts";
import type { Candidate, Field, FileVersion, Passage } from "./port.ts";
import type { Entry, IndexSnapshot } from "./snapshot-schema.ts";
import { TermCounts } from "./term-counts.ts";
import { treeKeys } from "./term-key.ts";

let indexesMade = 0;

/**
 * MiniSearch over article passages, with two fields: jieba words and character bigrams. It also keeps how
 * many passages contain each term, which re-ranking and abstention need and MiniSearch does not expose.
 */
export class PassageIndex {
  private readonly entries = new Map<string, Entry>();
  /** Verbatim only: the normalised text is recomputed for the candidates, which are few (see `find`). */
  private readonly passages = new Map<number, Passage>();
  private counts = new TermCounts();
  private nextId = 0;
  private readonly withNormal = createNormaliser();
  /** Tells this index's vocabulary versions from another's (two indexes of one process both start at 0). */
  private readonly instance = ++indexesMade;

  private constructor(
    private readonly search: PassageSearch,
    private readonly analyzer: Analyzer,
    private readonly settings: SearchSettings,
  ) {}

  /** An empty index. */
  static create(analyzer: Analyzer, settings: SearchSettings): PassageIndex {
    return new PassageIndex(createSearch(settings), analyzer, settings);
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
    const search = loadSearch(snapshot.search, snapshot.terms, settings);
    const index = new PassageIndex(search, analyzer, settings);
    for (const [file, entry] of snapshot.entries) index.entries.set(file, entry);
    for (const [id, passage] of snapshot.passages) index.passages.set(id, passage);
    index.counts = new TermCounts(snapshot.documentFrequency);
    index.nextId = snapshot.nextId;
    return index;
  }

  /** Everything needed to restore this index. */
  toJSON(): IndexSnapshot {
    const { state, terms } = saveSearch(this.search);
    return {
      entries: [...this.entries],
      passages: [...this.passages],
      nextId: this.nextId,
      documentFrequency: this.counts.toJSON(),
      search: state,
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
    for (const { text, at, terms } of analysedPassages(article, this.analyzer, this.settings)) {
      const id = this.nextId++;
      this.search.add({ id, words: treeKeys(terms.words), bigrams: treeKeys(terms.bigrams) });
      this.counts.count(terms, 1);
      added.set(id, { file: article.file, text, at });
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
      this.counts.count(this.analyzer.document(passage.text), -1);
      this.search.discard(id);
      yield;
    }
  }

  /** The `limit` best passages for a question by BM25 over both fields, of the files `accept` allows. */
  find(question: QuestionTerms, limit: number, accept?: (file: string) => boolean): Candidate[] {
    const query = questionQuery(question, this.counts, this.passages.size, this.settings);
    if (query === undefined) return [];
    // Passages of an article still being added (or removed) are in MiniSearch but not yet (or no more) in
    // `passages`: they must not take a candidate's place.
    const filter = (result: { id: number }) => {
      const file = this.passages.get(result.id)?.file;
      return file !== undefined && (accept === undefined || accept(file));
    };
    const results = this.search.search(query, { filter });
    return results.slice(0, limit).flatMap((result) => {
      const passage = this.passages.get(result.id);
      return passage
        ? [{ id: result.id, passage: this.withNormal(result.id, passage), score: result.score }]
        : [];
    });
  }

  /** Every passage searchable now, with its id; see `SearchIndex.passages`. */
  listPassages(): Array<{ id: number; passage: Passage }> {
    return [...this.passages].map(([id, passage]) => ({ id, passage }));
  }

  /** Changes whenever a passage comes (ids are never reused) or goes. */
  passagesVersion(): string {
    return `${this.instance}:${this.nextId}:${this.passages.size}`;
  }

  /** Inverse document frequency of a term (BM25's), high for rare terms; unseen terms count as rarest. */
  idf(field: Field, term: string): number {
    return this.counts.idf(field, term, this.passages.size);
  }

  /**
   * The jieba words the passages hold, and the version of that vocabulary: unique to this index object, and
   * changing whenever a word comes or goes.
   */
  words(): { version: string; words: Iterable<string>; bigrams: Iterable<string> } {
    return {
      version: this.wordsVersion(),
      words: this.counts.terms("words"),
      bigrams: this.counts.terms("bigrams"),
    };
  }

  /** See `words`. */
  wordsVersion(): string {
    return `${this.instance}:${this.counts.vocabularyVersion}`;
  }

  /**
   * Number of postings: the (term, passage) pairs over both fields of the passages indexed now, counted once
   * however often a term occurs in a passage (MiniSearch keeps a removed passage's until its next vacuum). The
   * index's memory grows with this count rather than with passages, so the bench reports memory per posting.
   */
  postings(): number {
    return this.counts.postings();
  }
}
