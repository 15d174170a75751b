import { ConfigError } from "../errors.ts";
import type { EmbeddingsClient } from "./embeddings.ts";
import type { PartHealth } from "./health.ts";
import { displayUrl, type Endpoint, EndpointError } from "./http.ts";
import type { RerankClient } from "./rerank.ts";
import type { VectorStore } from "./vector-store.ts";

/** Texts for the start-up probes: one Chinese, one English, as the questions are. */
export const PROBE = ["新闻报道说了什么", "what the news says"];

/**
 * Checks the embeddings endpoint at start-up: vectors of one size, one per text, of the size of those kept
 * for this model. What would not mend by waiting is a `ConfigError`; an endpoint away is an outage.
 */
export async function probeEmbeddings(
  client: EmbeddingsClient,
  endpoint: Endpoint,
  store: VectorStore | undefined,
  health: PartHealth,
): Promise<void> {
  let vectors: Float32Array[];
  try {
    vectors = await client.embed(PROBE, { timeoutMs: 30_000 });
  } catch (error) {
    return refuseOrWait(error, "EMBEDDINGS", endpoint, health);
  }
  const size = vectors[0]?.length;
  const kept = await store?.dimensions();
  if (kept !== undefined && size !== kept)
    throw new ConfigError(
      `EMBEDDINGS_URL (${displayUrl(endpoint.url)}) answers vectors of ${size} dimensions for EMBEDDINGS_MODEL ${endpoint.model}, but the vectors kept for that model have ${kept}: it serves another model under that name. Point it at the model the vectors were made with, or name the new model in EMBEDDINGS_MODEL.`,
    );
  health.answered();
}

/** Checks the rerank endpoint at start-up (and during an outage): one finite score per document. */
export async function probeRerank(
  client: RerankClient,
  endpoint: Endpoint,
  health: PartHealth,
): Promise<void> {
  try {
    const scores = await client.rerank(PROBE[1] as string, PROBE, { timeoutMs: 30_000 });
    if (scores.some((s) => !Number.isFinite(s)))
      throw new EndpointError("the rerank endpoint left documents without a score", false);
    health.answered();
  } catch (error) {
    return refuseOrWait(error, "RERANK", endpoint, health);
  }
}

function refuseOrWait(error: unknown, name: string, endpoint: Endpoint, health: PartHealth): void {
  if (error instanceof EndpointError && error.retryable) {
    health.failed(error);
    return;
  }
  const reason = error instanceof Error ? error.message : String(error);
  throw new ConfigError(
    `${name}_URL (${displayUrl(endpoint.url)}, model ${endpoint.model}) cannot be used: ${reason}. Check ${name}_URL (an API base such as http://localhost:11434/v1), ${name}_MODEL and ${name}_API_KEY.`,
  );
}
