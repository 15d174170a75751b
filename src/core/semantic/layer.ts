import type { Ranked } from "../answer/rank.ts";
import { ConfigError } from "../errors.ts";
import type { Retrieval, SearchIndex } from "../index/port.ts";
import type { Logger } from "../logger.ts";
import { createEmbeddingsClient, type EmbeddingsClient } from "./embeddings.ts";
import { fuse, joinNearest } from "./fusion.ts";
import { type PartHealth, partHealth } from "./health.ts";
import { displayUrl, type Endpoint, EndpointError } from "./http.ts";
import { PassageVectors } from "./passage-vectors.ts";
import { questionVectors } from "./question-vectors.ts";
import { createRerankClient, type RerankClient } from "./rerank.ts";
import type { SemanticSettings } from "./settings.ts";
import type { VectorStore } from "./vector-store.ts";

/** The model endpoints an operator set (`EMBEDDINGS_URL`, `RERANK_URL` and their models and keys). */
export interface SemanticEndpoints {
  embeddings?: Endpoint | undefined;
  rerank?: Endpoint | undefined;
}

/** Whether the semantic layer is on and its endpoints answer: for `/healthz` and the metrics. */
export interface SemanticStatus {
  /** Every configured endpoint answers. */
  healthy: boolean;
  embeddings?: { model: string; healthy: boolean; passages: number };
  rerank?: { model: string; healthy: boolean };
  /** Questions answered with the lexical ranking because an endpoint failed, since start-up. */
  fallbacks: number;
}

/** What `openSemanticLayer` needs. */
export interface SemanticLayerOptions {
  endpoints: SemanticEndpoints;
  settings: SemanticSettings;
  /** Where passage vectors are kept; required with `endpoints.embeddings`. */
  store?: VectorStore | undefined;
  logger: Logger;
  /** Embed the passages in the background (a bot) rather than before resolving (the command-line tools). */
  background?: boolean;
  /** First wait before retrying an indexing request. Default 500 ms (tests shorten it). */
  backoffMs?: number;
}

/** The layer `answerQuestion` calls when an operator has a model (see `AnswerContext.semantic`). */
export interface SemanticLayer {
  /** Starts embedding a question, so that its vector is on its way while the lexical search runs. */
  prepare(question: string): void;
  /**
   * The lexical candidates joined by the passages nearest the question, ranked by `rankAll` and fused with the
   * question's similarity to each and the reranker's scores of the best. An endpoint that fails or runs past the
   * question's time limit leaves its part out: at worst this is `rankAll(found)`.
   */
  rank(
    question: string,
    found: Retrieval,
    rankAll: (found: Retrieval) => Ranked[],
    accept?: (file: string) => boolean,
  ): Promise<{ found: Retrieval; ranked: Ranked[] }>;
  status(): SemanticStatus;
  close(): Promise<void>;
}

/**
 * Opens the semantic layer over an index: checks each endpoint with a probe (garbage, vectors of another size
 * than those kept, or a refusal such as 401 or 404 is a `ConfigError`; an endpoint that cannot be reached is
 * an outage, logged, and the layer starts without it), embeds the passages without a vector (in the background
 * with `background`), and from then on re-checks every `refreshMs`.
 */
export async function openSemanticLayer(
  index: SearchIndex,
  options: SemanticLayerOptions,
): Promise<SemanticLayer> {
  const { endpoints, settings, logger } = options;
  const retry = { retries: settings.retries, backoffMs: options.backoffMs ?? 500 };
  const embeddings = endpoints.embeddings && open(endpoints.embeddings, "embeddings");
  const rerank = endpoints.rerank && openRerank(endpoints.rerank);
  function open(endpoint: Endpoint, part: "embeddings") {
    if (!options.store) throw new Error("the semantic layer needs a vector store for embeddings");
    const client = createEmbeddingsClient(endpoint, settings);
    const vectors = new PassageVectors(index, client, options.store, retry);
    const questions = questionVectors(client, settings.timeoutMs);
    return { endpoint, client, vectors, questions, health: partHealth(part, endpoint, logger) };
  }
  function openRerank(endpoint: Endpoint) {
    return { endpoint, client: createRerankClient(endpoint), health: partHealth("rerank", endpoint, logger) };
  }
  let fallbacks = 0;
  /** When each question now being answered was prepared: its time limit counts from then. */
  const prepared = new Map<string, number>();

  if (embeddings)
    await probeEmbeddings(embeddings.client, embeddings.endpoint, options.store, embeddings.health);
  if (rerank) await probeRerank(rerank.client, rerank.endpoint, rerank.health);
  const refresh = async () => {
    if (!embeddings) return;
    try {
      // During an outage a probe tells whether it is over: the passages may all have their vectors already.
      if (!embeddings.health.healthy) await embeddings.client.embed(PROBE, { timeoutMs: settings.timeoutMs });
      const report = await embeddings.vectors.refresh();
      embeddings.health.answered();
      if (report.embedded > 0)
        logger.info({ ...report, model: embeddings.client.model }, "passages embedded");
    } catch (error) {
      embeddings.health.failed(error);
    }
  };
  const first = refresh();
  if (!options.background) await first;
  const timer = setInterval(() => {
    void refresh();
    if (rerank && !rerank.health.healthy)
      probeRerank(rerank.client, rerank.endpoint, rerank.health).catch((e) => rerank.health.failed(e));
  }, settings.refreshMs);
  timer.unref();
  let closing: Promise<void> | undefined;

  return {
    prepare(question) {
      // The question's time limit counts from here: its embedding runs while the lexical search does.
      if (prepared.size > 1000) prepared.clear();
      prepared.set(question, performance.now());
      if (embeddings?.health.healthy && embeddings.vectors.size > 0) embeddings.questions.get(question);
    },
    async rank(question, found, rankAll, accept) {
      let fellBack = false;
      let joined = found;
      let vector: Float32Array | undefined;
      const started = prepared.get(question) ?? performance.now();
      prepared.delete(question);
      if (embeddings?.health.healthy && embeddings.vectors.size > 0) {
        const asked = embeddings.questions.get(question);
        try {
          vector = await asked.vector;
          if (vector.length !== embeddings.vectors.dimensions)
            throw new EndpointError(
              `the embeddings endpoint answered a question vector of ${vector.length} dimensions, the passages' have ${embeddings.vectors.dimensions}`,
              false,
            );
          embeddings.health.answered();
        } catch (error) {
          vector = undefined;
          embeddings.health.failed(error);
          fellBack = true;
        }
      }
      if (embeddings && vector) {
        const except = new Set(found.candidates.map((c) => c.id));
        // A passage joins only if the model puts it above every lexical candidate: one it ranks below them adds
        // nothing the words did not find, and a weak model's noise (an English question against Chinese text).
        const q = vector;
        const floor = Math.max(
          ...found.candidates.map((c) => embeddings.vectors.similarity(q, c.id) ?? -1),
          -1,
        );
        const near = embeddings.vectors
          .nearest(vector, settings.nearest, accept, except)
          .filter((n) => n.similarity > floor);
        joined = joinNearest(found, near, (file) => embeddings.vectors.article(file));
      }
      let ranked = rankAll(joined);
      if (embeddings && vector) {
        const q = vector;
        ranked = fuse(ranked, (r) => embeddings.vectors.similarity(q, r.candidate.id), settings.similarity);
      }
      if (rerank?.health.healthy && settings.rerank > 0 && ranked.length > 0) {
        const top = ranked.slice(0, settings.rerankTop);
        const timeoutMs = Math.max(1, settings.timeoutMs - (performance.now() - started));
        try {
          const scores = await rerank.client.rerank(
            question,
            top.map((r) => r.candidate.passage.text),
            { timeoutMs },
          );
          rerank.health.answered();
          ranked = fuse(ranked, (_, place) => scores[place], settings.rerank);
        } catch (error) {
          rerank.health.failed(error);
          fellBack = true;
        }
      }
      if (fellBack || (embeddings && !embeddings.health.healthy) || (rerank && !rerank.health.healthy))
        fallbacks++;
      return { found: joined, ranked };
    },
    status() {
      const parts = [embeddings?.health, rerank?.health].filter((h): h is PartHealth => h !== undefined);
      return {
        healthy: parts.every((h) => h.healthy),
        ...(embeddings && {
          embeddings: {
            model: embeddings.client.model,
            healthy: embeddings.health.healthy,
            passages: embeddings.vectors.size,
          },
        }),
        ...(rerank && { rerank: { model: rerank.client.model, healthy: rerank.health.healthy } }),
        fallbacks,
      };
    },
    close() {
      clearInterval(timer);
      closing ??= first.then(() => options.store?.close());
      return closing;
    },
  };
}

/** Texts for the start-up probes: one Chinese, one English, as the questions are. */
const PROBE = ["新闻报道说了什么", "what the news says"];

/**
 * Checks the embeddings endpoint at start-up: vectors of one size, one per text, of the size of those kept
 * for this model. What would not mend by waiting is a `ConfigError`; an endpoint away is an outage.
 */
async function probeEmbeddings(
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
async function probeRerank(client: RerankClient, endpoint: Endpoint, health: PartHealth): Promise<void> {
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
