import type { Ranked } from "../answer/rank.ts";
import type { Candidate, Retrieval, SearchIndex } from "../index/port.ts";
import type { Logger } from "../logger.ts";
import { createEmbeddingsClient } from "./embeddings.ts";
import { fuse, joinNearest } from "./fusion.ts";
import { type PartHealth, partHealth } from "./health.ts";
import { type Endpoint, EndpointError } from "./http.ts";
import { PassageVectors } from "./passage-vectors.ts";
import { PROBE, probeEmbeddings, probeRerank } from "./probe.ts";
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
  /**
   * Starts embedding a question, so that its vector is on its way while the lexical search runs. Resolves once
   * the request has left (one turn of the event loop): the search that follows is synchronous work, and a
   * request still queued behind it would wait for it to end before it even left.
   */
  prepare(question: string): Promise<void>;
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
      if (report.embedded > 0 || report.collected > 0)
        logger.info({ ...report, model: embeddings.client.model }, "passage vectors in step with the index");
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
    async prepare(question) {
      // The question's time limit counts from here: its embedding runs while the lexical search does.
      if (prepared.size > 1000) prepared.clear();
      prepared.set(question, performance.now());
      if (!embeddings?.health.healthy || embeddings.vectors.size === 0) return;
      embeddings.questions.get(question);
      await leaveRequests();
    },
    async rank(question, found, rankAll, accept) {
      const started = prepared.get(question) ?? performance.now();
      prepared.delete(question);
      const reranks = rerank?.health.healthy && settings.rerank > 0 && found.candidates.length > 0;
      const rerankNow = (top: readonly Candidate[]) =>
        rerank && rerankTop(rerank.client, question, top, settings.timeoutMs - (performance.now() - started));
      // The reranker scores the best candidates while they are ranked lexically and the question's vector is on
      // its way: one round trip's wait, not two. When they all fit in `rerankTop` (the usual case: the index
      // returns `candidates` 15), which are the best does not matter, and the request leaves before the ranking.
      const fit = found.candidates.length <= settings.rerankTop;
      let reranking = reranks && fit ? rerankNow(found.candidates) : undefined;
      if (reranking) await leaveRequests();
      const lexical = rankAll(found);
      if (reranks && !fit)
        reranking = rerankNow(lexical.slice(0, settings.rerankTop).map((r) => r.candidate));
      let fellBack = false;
      let joined = found;
      let ranked = lexical;
      const vector = embeddings && (await questionVector(embeddings, question));
      if (embeddings && vector instanceof Float32Array) {
        const near = nearestAboveAll(embeddings.vectors, vector, found, settings.nearest, accept);
        if (near.length > 0) {
          joined = joinNearest(found, near, (file) => embeddings.vectors.article(file));
          // The reranker scores the joined passages too, or they would count as its least (see `fuse`),
          // however much it likes them: the request leaves before they are ranked with the others.
          const joining = reranking && rerankNow(joined.candidates.slice(found.candidates.length));
          if (joining) {
            reranking = Promise.all([reranking, joining]).then(mergeScores);
            await leaveRequests();
          }
          ranked = rankAll(joined);
        }
        ranked = fuse(
          ranked,
          (r) => embeddings.vectors.similarity(vector, r.candidate.id),
          settings.similarity,
        );
      } else if (vector) fellBack = true;
      if (rerank && reranking) {
        const scores = await reranking;
        if (scores instanceof Map) {
          rerank.health.answered();
          ranked = fuse(ranked, (r) => scores.get(r.candidate.id), settings.rerank);
        } else {
          rerank.health.failed(scores);
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

/** The question's vector; `true` when the endpoint failed (marked so), undefined when the layer skips it. */
async function questionVector(
  embeddings: { vectors: PassageVectors; questions: ReturnType<typeof questionVectors>; health: PartHealth },
  question: string,
): Promise<Float32Array | true | undefined> {
  if (!embeddings.health.healthy || embeddings.vectors.size === 0) return undefined;
  try {
    const vector = await embeddings.questions.get(question).vector;
    if (vector.length !== embeddings.vectors.dimensions)
      throw new EndpointError(
        `the embeddings endpoint answered a question vector of ${vector.length} dimensions, the passages' have ${embeddings.vectors.dimensions}`,
        false,
      );
    embeddings.health.answered();
    return vector;
  } catch (error) {
    embeddings.health.failed(error);
    return true;
  }
}

/**
 * The passages nearest the question that the model puts above every lexical candidate: one it ranks below them
 * adds nothing the words did not find, only a weak model's noise (an English question against Chinese text).
 */
function nearestAboveAll(
  vectors: PassageVectors,
  question: Float32Array,
  found: Retrieval,
  k: number,
  accept: ((file: string) => boolean) | undefined,
) {
  const except = new Set(found.candidates.map((c) => c.id));
  const floor = Math.max(...found.candidates.map((c) => vectors.similarity(question, c.id) ?? -1), -1);
  return vectors.nearest(question, k, accept, except).filter((n) => n.similarity > floor);
}

/**
 * One turn of the event loop: a request just started is written to its socket in it (see `postOnce`), before
 * the synchronous work that follows would hold it back.
 */
const leaveRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The scores of two rerank requests as one; the first error when either failed (its part is left out whole). */
function mergeScores(answers: unknown[]): Map<number, number> | unknown {
  const failed = answers.find((a) => !(a instanceof Map));
  if (failed !== undefined) return failed;
  return new Map(answers.flatMap((a) => [...(a as Map<number, number>)]));
}

/** The reranker's score of each of `top`, by candidate id; the error, not thrown, when it fails. */
async function rerankTop(
  client: RerankClient,
  question: string,
  top: readonly Candidate[],
  timeoutMs: number,
): Promise<Map<number, number> | unknown> {
  try {
    const scores = await client.rerank(
      question,
      top.map((c) => c.passage.text),
      { timeoutMs },
    );
    return new Map(top.map((c, i) => [c.id, scores[i] ?? Number.NaN]));
  } catch (error) {
    return error;
  }
}
