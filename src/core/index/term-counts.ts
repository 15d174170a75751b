import type { Terms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import { termsToLookUp } from "./lookup.ts";
import { FIELDS, type Field, inverseDocumentFrequency } from "./port.ts";

/** What `TermCounts.toJSON` writes: per field, each term with how many passages hold it. */
export type SavedCounts = Record<Field, Array<[string, number]>>;

/**
 * How many passages contain each term, per field: what re-ranking (IDF), abstention and choosing the terms worth
 * looking up need, and MiniSearch does not expose.
 */
export class TermCounts {
  private readonly counts: Record<Field, Map<string, number>>;
  /** Bumped whenever the words field gains or loses a term: what was built from its words is then out of date. */
  private vocabularyChanges = 0;

  constructor(saved?: { [F in Field]: Iterable<[string, number]> }) {
    this.counts = { words: new Map(saved?.words), bigrams: new Map(saved?.bigrams) };
  }

  /** Counts one passage's terms in (`1`) or out (`-1`); a term counts once per passage however often it occurs. */
  count(terms: Terms, delta: 1 | -1): void {
    for (const field of FIELDS) {
      const frequency = this.counts[field];
      for (const term of new Set(terms[field])) {
        const next = (frequency.get(term) ?? 0) + delta;
        if (next > 0) frequency.set(term, next);
        else frequency.delete(term);
        // Only the words: what is built from the vocabulary (the names' transliterations) reads no bigrams, and a
        // new article brings new bigrams (where two known words meet) far more often than new words.
        if (field === "words" && (next === 0 || (next === 1 && delta === 1))) this.vocabularyChanges++;
      }
    }
  }

  /** Changes whenever the words some passage holds do (not when only their counts do, nor the bigrams). */
  get vocabularyVersion(): number {
    return this.vocabularyChanges;
  }

  /** The terms of a field some passage holds. */
  terms(field: Field): Iterable<string> {
    return this.counts[field].keys();
  }

  /** Whether any passage holds a term. */
  has(field: Field, term: string): boolean {
    return this.counts[field].has(term);
  }

  /** BM25's inverse document frequency over `passages` passages; unseen terms count as rarest. */
  idf(field: Field, term: string, passages: number): number {
    return inverseDocumentFrequency(passages, this.counts[field].get(term) ?? 0);
  }

  /** The terms of a field worth looking up among `passages` passages (see `termsToLookUp`). */
  selective(field: Field, terms: readonly string[], passages: number, settings: SearchSettings): string[] {
    const frequency = this.counts[field];
    return termsToLookUp(terms, (term) => frequency.get(term) ?? 0, passages, settings);
  }

  /** The (term, passage) pairs over both fields, each counted once: what the index's memory grows with. */
  postings(): number {
    let total = 0;
    for (const field of FIELDS) for (const passages of this.counts[field].values()) total += passages;
    return total;
  }

  /** Everything needed to restore these counts. */
  toJSON(): SavedCounts {
    return { words: [...this.counts.words], bigrams: [...this.counts.bigrams] };
  }
}
