import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ranked } from "../../../src/core/answer/rank.ts";
import type { Candidate, Passage, Retrieval, SearchIndex } from "../../../src/core/index/port.ts";
import { openSemanticLayer } from "../../../src/core/semantic/layer.ts";
import { DEFAULT_SEMANTIC_SETTINGS } from "../../../src/core/semantic/settings.ts";
import { openVectorFile } from "../../../src/core/semantic/vector-file.ts";
import { createLogger } from "../../../src/logger.ts";
import { type ModelStandIn, startModelStandIn } from "../../support/model-standin.ts";

let stand: ModelStandIn;
let dir: string;
beforeAll(async () => {
  stand = await startModelStandIn();
  dir = await mkdtemp(path.join(tmpdir(), "citebot-semantic-rank-"));
});
afterAll(async () => {
  await stand.stop();
  await rm(dir, { recursive: true, force: true });
});

const QUESTION = "两国元首在北京通话了多长时间？";
const passage = (text: string): Passage => ({ file: "a.md", text, at: [0, 0, text.length] });
/** Found by the words; the second says what was asked, in nearly the question's words; the third is elsewhere. */
const PASSAGES = [
  { id: 1, passage: passage("北京今天天气晴朗，最高气温二十度。") },
  { id: 2, passage: passage("两国元首在北京通话了整整一个小时。") },
  { id: 3, passage: passage("南极洲的帝企鹅数量今年增加了三成。") },
];
const index = {
  engine: "minisearch",
  passages: async () => ({ version: "1", passages: PASSAGES }),
  passagesVersion: async () => "1",
  articles: async () => [],
} as unknown as SearchIndex;
/** The words found only the first passage. */
const found: Retrieval = {
  candidates: [{ ...(PASSAGES[0] as { id: number; passage: Passage }), score: 1 }],
  idf: () => 1,
  article: () => undefined,
};
/** A lexical ranking that is the engine's score: a joined passage (score 0) comes last. */
const byEngineScore = (r: Retrieval): Ranked[] =>
  r.candidates
    .map((candidate: Candidate) => ({ candidate, score: candidate.score }) as unknown as Ranked)
    .sort((a, b) => b.score - a.score);

describe("the semantic layer's rank", () => {
  it("has the reranker score a passage that joins by embedding, so that it can rise above the words' best", async () => {
    const logger = createLogger({ level: "silent" });
    const layer = await openSemanticLayer(index, {
      endpoints: {
        embeddings: { url: stand.url, model: "ngram" },
        rerank: { url: stand.url, model: "ngram" },
      },
      settings: { ...DEFAULT_SEMANTIC_SETTINGS, nearest: 1, similarity: 0, rerank: 5 },
      store: await openVectorFile(path.join(dir, "vectors.bin"), logger),
      logger,
    });
    try {
      const before = stand.calls.length;
      await layer.prepare(QUESTION);
      const { found: joined, ranked } = await layer.rank(QUESTION, found, byEngineScore);
      expect(joined.candidates.map((c) => c.id)).toEqual([1, 2]);
      const reranked = stand.calls.slice(before).filter((c) => c.route === "rerank");
      expect(reranked.flatMap((c) => c.texts)).toContain(PASSAGES[1]?.passage.text);
      // Scored by the reranker (it repeats the question), it is first, where the least score would leave it last.
      const relevance = (id: number) => stand.model.relevance(QUESTION, PASSAGES[id - 1]?.passage.text ?? "");
      expect(relevance(2)).toBeGreaterThan(relevance(1) + 1 / 5);
      expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
      expect(ranked[0]?.score).toBeCloseTo(5 * relevance(2), 5);
      expect(layer.status()).toMatchObject({ healthy: true, fallbacks: 0 });
    } finally {
      await layer.close();
    }
  });
});
