import { z } from "zod";

/**
 * The semantic layer's settings (`semantic` in `config/search.json`), each with its default: the one source of
 * truth for them. They apply only when `EMBEDDINGS_URL` or `RERANK_URL` is set; the fusion weights are what
 * `npm run calibrate` sweeps.
 */
export const SemanticSettingsSchema = z.object({
  /**
   * Fusion weight of a passage's cosine similarity to the question (the embeddings' feature), added to the
   * lexical re-ranking's score. 0 turns the feature off while the nearest passages still join the candidates.
   * 0 by default: calibrated with the n-gram stand-in, every weight from 0.01 lost drcd-dev questions
   * (docs/semantic.md); a real model's weight comes from `npm run calibrate` with its variables set.
   */
  similarity: z.number().min(0).default(0),
  /** Fusion weight of the reranker's relevance score (0–1 for the usual cross-encoders), added the same way (calibrated). */
  rerank: z.number().min(0).default(0.05),
  /** How many passages nearest to the question by embedding join the lexical candidates. */
  nearest: z.number().int().min(0).max(200).default(5),
  /** How many of the best candidates the reranker re-scores. */
  rerankTop: z.number().int().min(1).max(200).default(20),
  /**
   * Time a question may spend waiting for the endpoints (its embedding, then its rerank), in milliseconds;
   * past it the question is answered with the lexical ranking.
   */
  timeoutMs: z.number().int().min(50).max(60_000).default(2000),
  /** Passages sent in one embeddings request while indexing. */
  batchSize: z.number().int().min(1).max(2048).default(32),
  /** Embeddings requests in flight at once while indexing. */
  concurrency: z.number().int().min(1).max(64).default(2),
  /** Times a failed indexing request (network, timeout, 429, 5xx) is tried again, with backoff. */
  retries: z.number().int().min(0).max(10).default(4),
  /** How often the passages indexed are checked for ones without a vector (articles changed, an outage over). */
  refreshMs: z.number().int().min(100).default(10_000),
});

/** The semantic layer's settings; see `SemanticSettingsSchema`. */
export type SemanticSettings = z.infer<typeof SemanticSettingsSchema>;

/** Every semantic setting at its default. */
export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = SemanticSettingsSchema.parse({});
