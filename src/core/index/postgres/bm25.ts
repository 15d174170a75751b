import type { SearchSettings } from "../../settings.ts";
import { FIELDS, type Field, inverseDocumentFrequency } from "../port.ts";

/** What BM25 needs about the corpus: its size, each field's average length, each term's passage count. */
export interface CorpusCounts {
  passages: number;
  averageLength: Record<Field, number>;
  passagesWith(field: Field, term: string): number;
}

/** What BM25 needs about one passage: its field lengths and how often each looked-up term occurs in each field. */
export interface PassageCounts {
  length: Record<Field, number>;
  frequency(field: Field, term: string): number;
}

/**
 * MiniSearch's score for a passage, computed the same way (BM25+ per field and term, times the field's boost,
 * summed, times the number of distinct terms matched), so that the PostgreSQL engine orders the passages RUM
 * finds exactly as MiniSearch would order them.
 */
export function bm25Score(
  passage: PassageCounts,
  lookUp: Record<Field, readonly string[]>,
  corpus: CorpusCounts,
  settings: Pick<SearchSettings, "bm25" | "wordBoost" | "bigramBoost">,
): number {
  const { k, b, d } = settings.bm25;
  const boost: Record<Field, number> = { words: settings.wordBoost, bigrams: settings.bigramBoost };
  const matched = new Set<string>();
  let score = 0;
  for (const field of FIELDS) {
    const lengthRatio = passage.length[field] / (corpus.averageLength[field] || 1);
    for (const term of lookUp[field]) {
      const tf = passage.frequency(field, term);
      if (tf === 0) continue;
      const idf = inverseDocumentFrequency(corpus.passages, corpus.passagesWith(field, term));
      score += boost[field] * idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + b * lengthRatio)));
      matched.add(term);
    }
  }
  return score * matched.size;
}
