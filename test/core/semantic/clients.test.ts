import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddingsClient, readVectors } from "../../../src/core/semantic/embeddings.ts";
import { EndpointError, retryAfter } from "../../../src/core/semantic/http.ts";
import { createRerankClient, readRelevance } from "../../../src/core/semantic/rerank.ts";
import { type ModelStandIn, startModelStandIn } from "../../support/model-standin.ts";

let stand: ModelStandIn;
beforeAll(async () => {
  stand = await startModelStandIn();
});
afterAll(() => stand.stop());

const endpoint = () => ({ url: stand.url, model: "ngram", apiKey: "sk-test-secret" });
const texts = (n: number) => Array.from({ length: n }, (_, i) => `第${i}段：两国元首在北京通话。`);

describe("createEmbeddingsClient", () => {
  it("sends texts in batches, a few at once, and returns each text's unit vector in order", async () => {
    stand.calls.length = 0;
    const client = createEmbeddingsClient(endpoint(), { batchSize: 32, concurrency: 2 });
    const vectors = await client.embed(texts(70));
    expect(stand.calls.map((c) => c.texts.length).sort()).toEqual([32, 32, 6]);
    expect(vectors).toHaveLength(70);
    const expected = stand.model.embed(texts(70)[41] as string);
    expect(Array.from(vectors[41] as Float32Array)).toEqual(expected.map((x) => Math.fround(x)));
    expect(stand.calls[0]?.authorization).toBe("Bearer sk-test-secret");
  });

  it("waits as long as a 429's Retry-After says, then tries again", async () => {
    stand.faults.push({ status: 429, retryAfter: "1" });
    const started = performance.now();
    const vectors = await createEmbeddingsClient(endpoint()).embed(texts(2), { retries: 2, backoffMs: 10 });
    expect(vectors).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("tries again after 500s, and gives up with the status once its retries are spent", async () => {
    stand.faults.push({ status: 500 }, { status: 503 });
    await expect(
      createEmbeddingsClient(endpoint()).embed(texts(1), { retries: 2, backoffMs: 10 }),
    ).resolves.toHaveLength(1);
    stand.faults.push({ status: 500 }, { status: 500 });
    const failing = createEmbeddingsClient(endpoint()).embed(texts(1), { retries: 1, backoffMs: 10 });
    await expect(failing).rejects.toThrow(/embeddings answered HTTP 500$/);
    await expect(failing).rejects.not.toThrow(/sk-test-secret/);
  });

  it("does not retry a refusal that waiting will not mend (401, 404)", async () => {
    stand.calls.length = 0;
    stand.faults.push({ status: 401 });
    await expect(
      createEmbeddingsClient(endpoint()).embed(texts(1), { retries: 3, backoffMs: 10 }),
    ).rejects.toMatchObject({ retryable: false });
    expect(stand.calls).toHaveLength(1);
  });

  it("gives up on an endpoint that does not answer within the time limit", async () => {
    stand.faults.push({ hangMs: 2000 });
    const started = performance.now();
    await expect(createEmbeddingsClient(endpoint()).embed(texts(1), { timeoutMs: 200 })).rejects.toThrow(
      /did not answer in time/,
    );
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("refuses vectors of another size within a run, and garbage", async () => {
    stand.faults.push({ dimensions: 512 });
    const client = createEmbeddingsClient(endpoint(), { batchSize: 2, concurrency: 1 });
    await expect(client.embed(texts(4))).rejects.toThrow(/vectors of (1024 and 512|512 and 1024) dimensions/);
    stand.faults.push({ garbage: true });
    await expect(client.embed(texts(1))).rejects.toThrow(/embeddings endpoint answered no `data` array/);
  });
});

describe("readVectors", () => {
  it("says what is wrong with an answer that is not one vector per text", () => {
    expect(() => readVectors({ data: [{ embedding: [1, 0], index: 0 }] }, 2)).toThrow(
      /1 vectors for 2 texts/,
    );
    expect(() => readVectors({ data: [{ embedding: [1, "x"], index: 0 }] }, 1)).toThrow(/not all numbers/);
    expect(() => readVectors({ data: [{ embedding: [0, 0], index: 0 }] }, 1)).toThrow(/all-zero/);
    expect(() =>
      readVectors(
        {
          data: [
            { embedding: [1], index: 0 },
            { embedding: [1, 2], index: 1 },
          ],
        },
        2,
      ),
    ).toThrow(/different sizes/);
    const [v] = readVectors({ data: [{ embedding: [3, 4], index: 0 }] }, 1);
    expect(Array.from(v as Float32Array)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });
});

describe("createRerankClient", () => {
  it("returns each document's relevance in the order given, whatever order the answer lists them in", async () => {
    const scores = await createRerankClient(endpoint()).rerank("两国元首通话", [
      "天气晴朗",
      "两国元首在北京通话",
    ]);
    expect(scores[1]).toBeGreaterThan(scores[0] as number);
    expect(stand.calls.at(-1)?.route).toBe("rerank");
  });

  it("reads TEI's bare list as well, and refuses garbage", () => {
    expect(
      readRelevance(
        [
          { index: 1, score: 0.9 },
          { index: 0, score: 0.1 },
        ],
        2,
      ),
    ).toEqual([0.1, 0.9]);
    expect(() => readRelevance({ results: [{ index: 5, relevance_score: 1 }] }, 2)).toThrow(EndpointError);
    expect(() => readRelevance({ nothing: true }, 2)).toThrow(/no `results` list/);
  });
});

describe("retryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfter("2")).toBe(2000);
    expect(retryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
    expect(retryAfter(null)).toBeUndefined();
  });
});
