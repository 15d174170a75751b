import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMetrics, type Metrics } from "../../src/ops/metrics.ts";
import { createOpsServer, type OpsServer } from "../../src/ops/server.ts";
import { memoryLogger, seedQa } from "../support/seed-qa.ts";

let seeds: Awaited<ReturnType<typeof seedQa>>;
let metrics: Metrics;
let server: OpsServer;
let base: string;

beforeAll(async () => {
  seeds = await seedQa();
});
afterAll(() => seeds.close());

/** A fresh registry and server on 127.0.0.1, on a port the system picks. */
async function startServer(others?: () => Promise<object[][]>): Promise<void> {
  metrics = createMetrics();
  server = createOpsServer({ port: 0, host: "127.0.0.1", metrics, logger: memoryLogger().logger, others });
  base = `http://127.0.0.1:${await server.start()}`;
}
afterEach(() => server.stop());

/** What a probe or a scraper waits at most (Kubernetes' default probe timeout): the port must answer within it. */
const PROBE_MS = 1_000;

/** The value of one sample in `/metrics`, e.g. `citebot_questions_total{platform="telegram"}`; undefined if absent. */
async function sample(name: string): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe("GET /healthz", () => {
  it("is 503 while the index loads, then 200 with the index's size", async () => {
    await startServer();
    const loading = await fetch(`${base}/healthz`);
    expect(loading.status).toBe(503);
    expect(await loading.json()).toEqual({ status: "loading" });

    server.ready(seeds.qa);
    const ready = await fetch(`${base}/healthz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toEqual({ status: "ok", ...(await seeds.qa.stats()) });
    expect(body.passages).toBeGreaterThan(50);
    expect(body.articles).toBe((await seeds.qa.articles()).length);
  });

  it("reports a platform the bot cannot reach, and stays 200: the outage is not this replica's", async () => {
    await startServer();
    let telegram = "reachable";
    server.reportPlatform("telegram", () => telegram);
    server.ready({ stats: async () => ({ articles: 1, passages: 2 }) });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({
      status: "ok",
      articles: 1,
      passages: 2,
      platforms: { telegram: "reachable" },
    });
    telegram = "unreachable";
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect((await response.json()).platforms).toEqual({ telegram: "unreachable" });
  });

  it("is 503 again when the index cannot say how big it is", async () => {
    await startServer();
    server.ready({ stats: () => Promise.reject(new Error("connection refused")) });
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });

  it("is 503 within a second when the index never answers (a stalled PostgreSQL)", async () => {
    await startServer();
    server.ready({ stats: () => new Promise(() => {}) });
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(PROBE_MS) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });

  it("answers other paths with 404 and other methods with 405", async () => {
    await startServer();
    expect((await fetch(`${base}/`)).status).toBe(404);
    const post = await fetch(`${base}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("GET /metrics", () => {
  it("counts each question, each abstention and each answer's time, by platform", async () => {
    await startServer();
    const qa = metrics.measure(seeds.qa, "telegram");
    expect(await sample('citebot_questions_total{platform="telegram"}')).toBeUndefined();

    expect((await qa.ask("中美关系", { limit: 2 })).quotes).toHaveLength(2);
    expect(await sample('citebot_questions_total{platform="telegram"}')).toBe(1);
    expect(await sample('citebot_answer_duration_seconds_count{platform="telegram"}')).toBe(1);
    expect(await sample('citebot_answer_duration_seconds_sum{platform="telegram"}')).toBeGreaterThan(0);
    expect(await sample('citebot_abstentions_total{platform="telegram"}')).toBeUndefined();

    // A further page is timed, but is not a new question.
    await qa.ask("中美关系", { limit: 2, offset: 2 });
    expect(await sample('citebot_questions_total{platform="telegram"}')).toBe(1);
    expect(await sample('citebot_answer_duration_seconds_count{platform="telegram"}')).toBe(2);

    expect((await qa.ask("NBA总决赛冠军是谁")).quotes).toEqual([]);
    expect(await sample('citebot_questions_total{platform="telegram"}')).toBe(2);
    expect(await sample('citebot_abstentions_total{platform="telegram"}')).toBe(1);

    await metrics.measure(seeds.qa, "discord").ask("中美关系");
    expect(await sample('citebot_questions_total{platform="discord"}')).toBe(1);
    expect(await sample('citebot_questions_total{platform="telegram"}')).toBe(2);
  });

  it("counts the errors a bot logs, not its warnings", async () => {
    await startServer();
    const logger = metrics.countErrors(memoryLogger().logger, "discord").child({ adapter: "discord" });
    logger.warn("rate limited");
    logger.error({ code: 10062 }, "interaction failed");
    logger.fatal("gateway gone");
    expect(await sample('citebot_platform_errors_total{platform="discord"}')).toBe(2);
  });

  it("reports the index's size once it is loaded, and the process's own metrics", async () => {
    await startServer();
    expect(await sample("citebot_indexed_passages")).toBe(0);
    server.ready(seeds.qa);
    const { passages, articles } = await seeds.qa.stats();
    expect(await sample("citebot_indexed_passages")).toBe(passages);
    expect(await sample("citebot_indexed_articles")).toBe(articles);
    expect(await sample("process_cpu_user_seconds_total")).toBeGreaterThan(0);
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe("GET /metrics when what it reports on stalls", () => {
  it("answers within a second with the index's last size when the index stops answering", async () => {
    await startServer();
    let stalled = false;
    server.ready({
      stats: () => (stalled ? new Promise(() => {}) : Promise.resolve({ articles: 3, passages: 42 })),
    });
    expect(await sample("citebot_indexed_passages")).toBe(42);
    stalled = true;
    const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(PROBE_MS) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("citebot_indexed_passages 42");
  });

  it("answers within a second with this process's own metrics when the Discord shards never answer", async () => {
    await startServer(() => new Promise(() => {}));
    server.ready(seeds.qa);
    const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(PROBE_MS) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("citebot_indexed_articles");
  });
});

describe("stop", () => {
  it("closes the port, kept-alive connections included", async () => {
    await startServer();
    expect((await fetch(`${base}/healthz`, { keepalive: true })).status).toBe(503);
    await server.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
