import { appendFile, readFile, rm, utimes } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEMANTIC_SETTINGS } from "../../../src/core/semantic/settings.ts";
import { type ModelStandIn, startModelStandIn } from "../../support/model-standin.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";
import { AN_HOUR_AGO, openQa, workspace } from "../../support/workspace.ts";

const noPostgres = await postgresUnavailable();
const PROBES = new Set(["新闻报道说了什么", "what the news says"]);

describe.skipIf(noPostgres !== undefined)("the semantic layer over the PostgreSQL index", () => {
  let stand: ModelStandIn;
  const schema = temporarySchema();
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    stand = await startModelStandIn();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await stand.stop();
    await schema.drop();
  });
  const options = () => ({
    postgres: { url: TEST_INDEX_URL, schema: schema.schema, sync: "wait" as const },
    semantic: { embeddings: { url: stand.url, model: "ngram" }, rerank: { url: stand.url, model: "ngram" } },
    settings: { semantic: { ...DEFAULT_SEMANTIC_SETTINGS, refreshMs: 150, timeoutMs: 400, retries: 1 } },
  });
  const embeddedSince = (n: number) =>
    stand
      .embedded()
      .slice(n)
      .filter((t) => !PROBES.has(t));
  const count = async (sql: (schema: string) => string) => {
    const client = new pg.Client({ connectionString: TEST_INDEX_URL });
    await client.connect();
    try {
      const result = await client.query<{ n: number }>(sql(pg.escapeIdentifier(schema.schema)));
      return result.rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  };
  const kept = () => count((s) => `SELECT count(*)::int AS n FROM ${s}.embeddings WHERE model = 'ngram'`);
  /** The texts indexed now: one vector each. */
  const texts = () => count((s) => `SELECT count(DISTINCT text)::int AS n FROM ${s}.passages`);

  it("keeps the vectors in a table of the schema: embedded once, none on a restart, an edited article's only", async () => {
    const dirs = await workspace(cleanups);
    const first = await openQa(cleanups, dirs, options());
    const embedded = embeddedSince(0);
    expect(new Set(embedded).size).toBe(embedded.length);
    expect(await kept()).toBe(embedded.length);
    const passages = (await first.qa.stats()).passages;
    expect(first.qa.semantic()).toMatchObject({ healthy: true, embeddings: { passages } });
    const answer = await first.qa.ask("两国元首在北京相处了多长时间？");
    expect(answer.quotes.length).toBeGreaterThan(0);
    const source = await readFile(path.join(dirs.corpusDir, answer.quotes[0]?.article.file ?? ""), "utf8");
    expect(source.replace(/\s+/g, "")).toContain(answer.quotes[0]?.text.replace(/\s+/g, ""));

    const again = stand.embedded().length;
    const second = await openQa(cleanups, dirs, options());
    expect(embeddedSince(again)).toEqual([]);
    expect(second.qa.semantic()?.embeddings?.passages).toBe(passages);

    const file = path.join(dirs.corpusDir, (await second.qa.articles())[0]?.file ?? "");
    await appendFile(file, "\n\n新增的一段话：企鹅研究员宣布南极洲的帝企鹅数量今年增加了三成。\n");
    await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
    const edited = stand.embedded().length;
    const third = await openQa(cleanups, dirs, options());
    const fresh = embeddedSince(edited);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.length).toBeLessThan(passages / 3);
    const text = await readFile(file, "utf8");
    for (const t of fresh) expect(text).toContain(t);
    expect((await third.qa.ask("帝企鹅数量增加了多少")).quotes[0]?.text).toContain("帝企鹅");

    // A removed article's vectors are deleted when the index is next in step with the articles.
    const before = await kept();
    await rm(file);
    await openQa(cleanups, dirs, options());
    expect(await kept()).toBe(await texts());
    expect(await kept()).toBeLessThan(before);
  }, 240_000); // four start-ups, each indexing into PostgreSQL
});
