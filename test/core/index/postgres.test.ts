import { existsSync, readFileSync } from "node:fs";
import { cp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_EVAL_DIR } from "../../../src/cli/eval-sets.ts";
import { readCorpus } from "../../../src/core/corpus/read-corpus.ts";
import { createQa } from "../../../src/core/qa.ts";
import type { SearchSettings } from "../../../src/core/settings.ts";
import type { Answer, Qa } from "../../../src/core/types.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";
import { CONFIG_DIR, memoryLogger, SEEDS_DIR, seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

const noPostgres = await postgresUnavailable();

/** What a user sees of an answer; scores only to a few digits (the engines sum BM25 in another order). */
function shown(answer: Answer) {
  return {
    hasMore: answer.hasMore,
    quotes: answer.quotes.map((q) => ({
      text: q.text,
      highlights: q.highlights,
      score: q.score.toFixed(6),
      article: q.article,
      also: q.alsoReportedBy.map((a) => a.file),
    })),
  };
}

/** The seeds' eval questions (`dev.jsonl` of the shared eval sets, `EVAL_DIR`), all of them, where present. */
function devQuestions(): string[] {
  const file = path.join(process.env.EVAL_DIR ?? DEFAULT_EVAL_DIR, "dev.jsonl");
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  return lines.map((line) => (JSON.parse(line) as { q: string }).q);
}

/**
 * Questions nobody wrote for these tests: the opening words of every third paragraph of the seeds, in their own
 * script, and a few in English and in the other script; then every dev question.
 */
async function seedQuestions(): Promise<string[]> {
  const { articles } = await readCorpus(SEEDS_DIR, new Map());
  const openings = articles.flatMap((a) =>
    a.paragraphs.filter((_, i) => i % 3 === 0).map((p) => p.slice(0, 16)),
  );
  return [
    ...openings,
    "What did Biden say about Taiwan?",
    "Yellen visit China",
    "兩國元首會晤多長時間",
    "关税",
    ...devQuestions(),
  ];
}

describe.skipIf(noPostgres !== undefined)("the PostgreSQL index", () => {
  let mini: Awaited<ReturnType<typeof seedQa>>;
  let postgres: Awaited<ReturnType<typeof seedQa>>;
  beforeAll(async () => {
    [mini, postgres] = await Promise.all([seedQa(), seedQa({ engine: "postgres" })]);
  });
  afterAll(async () => {
    await Promise.all([mini.close(), postgres.close()]);
  });

  it("answers every question exactly as the MiniSearch index does", async () => {
    const questions = await seedQuestions();
    expect(questions.length).toBeGreaterThan(30);
    let answered = 0;
    for (const question of questions) {
      for (const page of [{ limit: 3 }, { limit: 2, offset: 2 }]) {
        const expected = shown(await mini.qa.ask(question, page));
        expect(shown(await postgres.qa.ask(question, page)), question).toEqual(expected);
        if (expected.quotes.length > 0) answered++;
      }
    }
    expect(answered).toBeGreaterThan(questions.length); // most questions are answered: not a run of abstentions
    expect(await postgres.qa.articles()).toEqual(await mini.qa.articles());
  });
});

describe.skipIf(noPostgres !== undefined)("a shared PostgreSQL index", () => {
  const schema = temporarySchema();
  const corpus = { dir: "", remove: async () => {} };
  const open = async (sync: "wait" | "off", watch = false, settings: Partial<SearchSettings> = {}) => {
    const memory = memoryLogger();
    const qa = await createQa({
      corpusDir: corpus.dir,
      cacheDir: corpus.dir,
      configDir: CONFIG_DIR,
      logger: memory.logger,
      watch,
      settings,
      postgres: { url: TEST_INDEX_URL, schema: schema.schema, sync },
    });
    return { qa, memory };
  };
  let writer: Qa;
  let replica: Qa;
  beforeAll(async () => {
    Object.assign(corpus, await temporaryDirectory());
    await cp(SEEDS_DIR, corpus.dir, { recursive: true });
    writer = (await open("wait", true)).qa;
    replica = (await open("off")).qa;
  });
  afterAll(async () => {
    await Promise.all([writer?.close(), replica?.close()]);
    await schema.drop();
    await corpus.remove();
  });
  const topFile = async (qa: Qa, question: string) => (await qa.ask(question)).quotes[0]?.article.file;

  it("shows a replica the articles another process adds, changes and removes", async () => {
    const file = "900_test.md";
    const article = (fact: string) =>
      `---\ntitle: 测试文章\nsource: 测试报\ndate: 2026-01-01\n---\n${fact}\n`;
    await writeFile(
      path.join(corpus.dir, file),
      article("企鹅研究员宣布，南极洲的帝企鹅数量今年增加了三成。"),
    );
    await expect.poll(() => topFile(replica, "帝企鹅数量增加了多少"), { timeout: 10_000 }).toBe(file);

    await writeFile(path.join(corpus.dir, file), article("天文学家宣布，土星又发现了二十颗新卫星。"));
    await expect.poll(() => topFile(replica, "土星发现了几颗新卫星"), { timeout: 10_000 }).toBe(file);
    expect(await topFile(replica, "帝企鹅数量增加了多少")).toBeUndefined();

    await rm(path.join(corpus.dir, file));
    await expect.poll(() => topFile(replica, "土星发现了几颗新卫星"), { timeout: 10_000 }).toBeUndefined();
    expect((await replica.articles()).map((a) => a.file)).not.toContain(file);
  });

  it("chooses in SQL the terms termsToLookUp chooses: one statement a question, whatever the lookup budget", async () => {
    const questions = await seedQuestions();
    const query = vi.spyOn(pg.Pool.prototype, "query");
    const statement = (config: unknown) => config as string | { name?: string; text: string };
    try {
      for (const settings of [
        {},
        { lookupBudget: 40 },
        { lookupBudget: 400, commonTermShare: 0.002, cheapTermPassages: 0 },
        { lookupBudget: 400, commonTermShare: 0.002, cheapTermPassages: 5 },
      ]) {
        const reader = (await open("off", false, settings)).qa;
        query.mockClear();
        for (const question of questions) await reader.ask(question);
        const calls = query.mock.calls.map(([config]) => statement(config));
        const retrievals = calls.filter(
          (c) => typeof c !== "string" && c.name?.startsWith("citebot_retrieve_"),
        );
        // What the reader runs when the statement chose other terms than termsToLookUp does from its counts.
        const refetches = calls.filter((c) =>
          (typeof c === "string" ? c : c.text).includes("terms @@ $1::tsquery"),
        );
        expect(retrievals.length, JSON.stringify(settings)).toBeGreaterThanOrEqual(questions.length);
        expect(refetches, JSON.stringify(settings)).toEqual([]);
        await reader.close();
      }
    } finally {
      query.mockRestore();
    }
  });

  it("stores terms with quotes and backslashes verbatim", async () => {
    await writeFile(
      path.join(corpus.dir, "901_marks.md"),
      "---\ntitle: 标点\n---\n发言人说，O'Neill\\Smith 公司的报告今天发布。\n",
    );
    await expect
      .poll(() => topFile(replica, "O'Neill\\Smith 公司的报告"), { timeout: 10_000 })
      .toBe("901_marks.md");
  });

  it("keeps the term counts those of the passages held, after articles were added, changed and removed", async () => {
    const client = new pg.Client({ connectionString: TEST_INDEX_URL });
    await client.connect();
    const s = pg.escapeIdentifier(schema.schema);
    try {
      const held = `SELECT left(u.lexeme, 1) AS field, substr(u.lexeme, 2) AS term, count(DISTINCT p.id)::int AS n
                    FROM ${s}.passages p, unnest(p.terms) u GROUP BY 1, 2`;
      const counted = `SELECT field::text, term, passages AS n FROM ${s}.term_counts`;
      const differ = await client.query(`(${held} EXCEPT ${counted}) UNION ALL (${counted} EXCEPT ${held})`);
      expect(differ.rows).toEqual([]);
      const totals = await client.query(
        `SELECT (SELECT value::int FROM ${s}.meta WHERE name = 'passages') AS meta,
                (SELECT count(*)::int FROM ${s}.passages) AS rows,
                (SELECT count(*)::int FROM ${s}.term_counts) AS terms`,
      );
      expect(totals.rows[0].meta).toBe(totals.rows[0].rows);
      expect(totals.rows[0].terms).toBeGreaterThan(1000);
    } finally {
      await client.end();
    }
  });

  it("can serve the candidate query from the RUM index", async () => {
    const client = new pg.Client({ connectionString: TEST_INDEX_URL });
    await client.connect();
    try {
      // On a corpus this small a sequential scan is cheaper; forbidding it shows whether the index can serve.
      await client.query("SET enable_seqscan = off; SET enable_bitmapscan = off");
      const plan = await client.query(
        `EXPLAIN SELECT id FROM ${pg.escapeIdentifier(schema.schema)}.passages WHERE terms @@ $1::tsquery
         ORDER BY terms <=> $1::tsquery LIMIT 60`,
        ["'A耶伦':A | 'B访华':B"],
      );
      expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toContain(
        "Index Scan using passages_terms",
      );
    } finally {
      await client.end();
    }
  });
});
