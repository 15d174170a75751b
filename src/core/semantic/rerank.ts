import { type Endpoint, EndpointError, postJson, type RetryOptions } from "./http.ts";

/**
 * The rerank API of Jina, Cohere and vLLM (`POST $RERANK_URL/rerank` with query, documents and top_n, answered
 * with `{results: [{index, relevance_score}]}`), which TEI's `/rerank` also serves with `texts` in and a bare
 * `[{index, score}]` out: the request carries both names (each server ignores the other's) and both answers
 * are read.
 */
export interface RerankClient {
  readonly model: string;
  /** Each document's relevance to the query, in the order given (NaN for one the answer leaves out). */
  rerank(query: string, documents: readonly string[], retry?: RetryOptions): Promise<number[]>;
}

/** A client of `endpoint`'s rerank route. */
export function createRerankClient(endpoint: Endpoint): RerankClient {
  return {
    model: endpoint.model,
    async rerank(query, documents, retry = {}) {
      const body = {
        model: endpoint.model,
        query,
        documents,
        texts: documents,
        top_n: documents.length,
        return_documents: false,
      };
      return readRelevance(await postJson(endpoint, "/rerank", body, retry), documents.length);
    },
  };
}

/** The scores of a rerank response by document index; `EndpointError` (not retryable) if it is not one. */
export function readRelevance(response: unknown, count: number): number[] {
  const results = Array.isArray(response) ? response : (response as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) throw garbage("no `results` list");
  const scores = new Array<number>(count).fill(Number.NaN);
  for (const item of results as Array<{
    index?: unknown;
    relevance_score?: unknown;
    score?: unknown;
  } | null>) {
    const index = item?.index;
    const score = item?.relevance_score ?? item?.score;
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= count)
      throw garbage(`a result with index ${JSON.stringify(index)}`);
    if (typeof score !== "number" || !Number.isFinite(score))
      throw garbage("a result without a numeric score");
    scores[index] = score;
  }
  return scores;
}

function garbage(what: string): EndpointError {
  return new EndpointError(`the rerank endpoint answered ${what}`, false);
}
