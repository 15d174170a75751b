import { createHash } from "node:crypto";

/**
 * Where passage vectors are kept between runs, keyed by the passage's text and the model (`vectorKey`): a
 * restart finds every vector it made, and an edited article's unchanged passages keep theirs. The in-process
 * index keeps them in a file beside its saved index (`vector-file.ts`), the PostgreSQL one in a table of its
 * schema (`vector-postgres.ts`).
 */
export interface VectorStore {
  /** The vectors kept for these keys (those it has). */
  load(keys: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Keeps these vectors (a key already kept keeps its vector). */
  save(entries: ReadonlyArray<readonly [key: string, vector: Float32Array]>): Promise<void>;
  /**
   * Forgets every vector of this model whose key is not in `live` (the passages indexed now): an edited or
   * removed article's old passages. Resolves with how many were dropped.
   */
  retain(live: ReadonlySet<string>): Promise<number>;
  /** The size of the vectors kept, undefined when none are. */
  dimensions(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** The key of a text's vector by a model: SHA-256 of both, hex. */
export function vectorKey(model: string, text: string): string {
  return createHash("sha256").update(model).update("\0").update(text).digest("hex");
}
