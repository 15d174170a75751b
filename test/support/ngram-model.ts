/**
 * A deterministic stand-in for an embedding model and a reranker: character n-gram TF-IDF. Its similarity is a
 * real but weak signal (shared characters and character pairs, rarer ones weighing more), which is what the
 * semantic layer must never let make answers worse than words alone. Embeddings are the TF-IDF vector hashed
 * into `dimensions` buckets; rerank scores are the exact cosine of the TF-IDF vectors.
 */

/** The model's vocabulary statistics: document frequencies of n-grams over some reference texts. */
export interface NgramModel {
  readonly dimensions: number;
  embed(text: string): number[];
  relevance(query: string, document: string): number;
}

/** The n-grams of a text: its characters (letters, digits, Han; no spaces or punctuation) and their pairs. */
export function ngrams(text: string): string[] {
  const chars = [...text.normalize("NFKC").toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const out = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** A model whose IDF comes from `documents` (none: every n-gram weighs alike). */
export function createNgramModel(documents: Iterable<string> = [], dimensions = 1024): NgramModel {
  const frequency = new Map<string, number>();
  let total = 0;
  for (const document of documents) {
    total++;
    for (const gram of new Set(ngrams(document))) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  }
  const idf = (gram: string) => Math.log(1 + (total + 1) / ((frequency.get(gram) ?? 0) + 1));
  // A text's weights and their norm, kept for the texts seen lately: a reranker is asked about the same
  // passages again and again, and recounting them would make the stand-in slower than the wait it is told to take.
  const kept = new Map<string, { weights: Map<string, number>; norm: number }>();
  const weights = (text: string) => {
    const known = kept.get(text);
    if (known) return known;
    const tf = new Map<string, number>();
    for (const gram of ngrams(text)) tf.set(gram, (tf.get(gram) ?? 0) + 1);
    const entry = { weights: new Map<string, number>(), norm: 0 };
    let squares = 0;
    for (const [gram, n] of tf) {
      const weight = (1 + Math.log(n)) * idf(gram);
      entry.weights.set(gram, weight);
      squares += weight * weight;
    }
    entry.norm = Math.sqrt(squares);
    if (kept.size >= KEPT_TEXTS) kept.delete(kept.keys().next().value as string);
    kept.set(text, entry);
    return entry;
  };
  return {
    dimensions,
    embed(text) {
      const vector = new Array<number>(dimensions).fill(0);
      for (const [gram, weight] of weights(text).weights) {
        const at = bucket(gram, dimensions);
        vector[at] = (vector[at] ?? 0) + weight;
      }
      const norm = Math.hypot(...vector);
      // An empty text still gets a vector (a real model's would): one bucket, so that its norm is 1.
      if (norm === 0) vector[0] = 1;
      return norm === 0 ? vector : vector.map((x) => x / norm);
    },
    relevance(query, document) {
      const a = weights(query);
      const b = weights(document);
      let dot = 0;
      for (const [gram, weight] of a.weights) dot += weight * (b.weights.get(gram) ?? 0);
      const norm = a.norm * b.norm;
      return norm === 0 ? 0 : dot / norm;
    },
  };
}

/** Texts whose weights the model keeps. */
const KEPT_TEXTS = 20_000;

/** FNV-1a of a string, into `size` buckets. */
function bucket(text: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % size;
}
