import { type Endpoint, EndpointError, postJson, type RetryOptions } from "./http.ts";

/** What the embeddings client needs besides the endpoint. */
export interface EmbeddingsOptions {
  /** Texts in one request. Default 32. */
  batchSize?: number;
  /** Requests in flight at once. Default 2. */
  concurrency?: number;
}

/** The OpenAI embeddings API (`POST $EMBEDDINGS_URL/embeddings`), as Ollama, TEI, vLLM and hosted APIs speak it. */
export interface EmbeddingsClient {
  readonly model: string;
  /**
   * Each text's vector, scaled to length 1 (so that a dot product is the cosine), in the order given. Sent in
   * batches, a few at once; each batch's vectors go to `onBatch` as they arrive, so that a failure later keeps
   * them. Rejects with `EndpointError` when a batch fails (after `retry`'s retries) or the answer is not vectors
   * of one size, one per text.
   */
  embed(
    texts: readonly string[],
    retry?: RetryOptions,
    onBatch?: (texts: readonly string[], vectors: Float32Array[]) => Promise<void> | void,
  ): Promise<Float32Array[]>;
}

/** A client of `endpoint`'s embeddings route. */
export function createEmbeddingsClient(
  endpoint: Endpoint,
  options: EmbeddingsOptions = {},
): EmbeddingsClient {
  const { batchSize = 32, concurrency = 2 } = options;
  const embedBatch = async (texts: readonly string[], retry: RetryOptions) => {
    const body = { model: endpoint.model, input: texts, encoding_format: "float" };
    return readVectors(await postJson(endpoint, "/embeddings", body, retry), texts.length);
  };
  return {
    model: endpoint.model,
    async embed(texts, retry = {}, onBatch) {
      const out: Float32Array[] = new Array(texts.length);
      let next = 0;
      const worker = async () => {
        while (next < texts.length) {
          const start = next;
          next += batchSize;
          const batch = texts.slice(start, start + batchSize);
          const vectors = await embedBatch(batch, retry);
          vectors.forEach((v, i) => {
            out[start + i] = v;
          });
          await onBatch?.(batch, vectors);
        }
      };
      const workers = Array.from(
        { length: Math.min(concurrency, Math.ceil(texts.length / batchSize)) },
        worker,
      );
      await Promise.all(workers);
      const sizes = new Set(out.map((v) => v.length));
      if (sizes.size > 1) throw garbage(`vectors of ${[...sizes].join(" and ")} dimensions in one run`);
      return out;
    },
  };
}

/**
 * The vectors of an embeddings response (`{data: [{embedding, index}], model, usage}`), by `index`, each
 * scaled to length 1; `EndpointError` (not retryable) for anything else: a count other than asked, an
 * index twice or out of range, a non-number, vectors of different sizes, an empty or all-zero vector.
 */
export function readVectors(response: unknown, count: number): Float32Array[] {
  const data = (response as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw garbage("no `data` array");
  if (data.length !== count) throw garbage(`${data.length} vectors for ${count} texts`);
  const out: Float32Array[] = new Array(count);
  data.forEach((item: { embedding?: unknown; index?: unknown } | null, position) => {
    const index = item?.index ?? position;
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= count || out[index])
      throw garbage(`a vector with index ${JSON.stringify(index)}`);
    const embedding = item?.embedding;
    if (!Array.isArray(embedding) || embedding.length === 0)
      throw garbage("an item without an `embedding` list");
    if (!embedding.every((x) => typeof x === "number" && Number.isFinite(x)))
      throw garbage("an embedding that is not all numbers");
    out[index] = unit(embedding);
  });
  const first = out[0]?.length;
  if (out.some((v) => v.length !== first)) throw garbage("vectors of different sizes in one answer");
  return out;
}

function unit(values: readonly number[]): Float32Array {
  const norm = Math.hypot(...values);
  if (norm === 0) throw garbage("an all-zero vector");
  return Float32Array.from(values, (x) => x / norm);
}

function garbage(what: string): EndpointError {
  return new EndpointError(`the embeddings endpoint answered ${what}`, false);
}
