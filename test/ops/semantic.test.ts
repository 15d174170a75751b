import { afterEach, describe, expect, it } from "vitest";
import type { SemanticStatus } from "../../src/core/semantic/layer.ts";
import { createMetrics } from "../../src/ops/metrics.ts";
import { createOpsServer, type OpsServer } from "../../src/ops/server.ts";
import { memoryLogger } from "../support/seed-qa.ts";

let server: OpsServer | undefined;
afterEach(() => server?.stop());

/** An index that says its size and, as the loaded `Qa` does, how its semantic layer is. */
function source(status: () => SemanticStatus | undefined) {
  return { stats: async () => ({ articles: 5, passages: 114 }), semantic: status };
}

async function start(status: () => SemanticStatus | undefined): Promise<string> {
  server = createOpsServer({
    port: 0,
    host: "127.0.0.1",
    metrics: createMetrics(),
    logger: memoryLogger().logger,
  });
  const base = `http://127.0.0.1:${await server.start()}`;
  server.ready(source(status));
  return base;
}

describe("the semantic layer in /healthz and /metrics", () => {
  it("says nothing of it when it is off", async () => {
    const base = await start(() => undefined);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({
      status: "ok",
      articles: 5,
      passages: 114,
    });
    expect(await (await fetch(`${base}/metrics`)).text()).not.toMatch(/citebot_semantic_up\{/);
  });

  it("says whether each endpoint answers, and counts the questions answered lexically for it", async () => {
    let status: SemanticStatus = {
      healthy: true,
      embeddings: { model: "bge-m3", healthy: true, passages: 114 },
      rerank: { model: "bge-reranker-v2-m3", healthy: true },
      fallbacks: 0,
    };
    const base = await start(() => status);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", semantic: { healthy: true, fallbacks: 0 } });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(
      'citebot_semantic_up{part="embeddings"} 1',
    );

    status = {
      ...status,
      healthy: false,
      rerank: { model: "bge-reranker-v2-m3", healthy: false },
      fallbacks: 3,
    };
    // Answers go on with the lexical ranking: still 200, the layer's state in the body.
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({ semantic: { healthy: false, rerank: { healthy: false } } });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('citebot_semantic_up{part="rerank"} 0');
    expect(text).toContain('citebot_semantic_up{part="embeddings"} 1');
    expect(text).toContain("citebot_semantic_fallbacks_total 3");
  });
});
