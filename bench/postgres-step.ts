/**
 * The PostgreSQL engine at one corpus size: citebot itself with its index in PostgreSQL (RUM), built as
 * `npm run index` builds it, then opened by a bot-like process that asks the questions. Each size gets a schema
 * of its own in the bench database, dropped once measured.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { runChild } from "./child.ts";
import type { BenchCorpus } from "./corpora.ts";
import { type EngineResult, failed, type Outcome, type Rates, tooSlow } from "./sizes.ts";

/** Where the bench keeps its PostgreSQL indexes: `BENCH_INDEX_URL`, else the tests' database. */
export const BENCH_INDEX_URL = process.env.BENCH_INDEX_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** What postgres-child.ts's build reports. */
interface PostgresBuild {
  buildMs: number;
  /** ANALYZE after the build, timed apart (autovacuum would run it soon after such a load). */
  analyzeMs: number;
  passages: number;
  articles: number;
  /** Tables and their indexes on disk. */
  databaseBytes: number;
}

/** The PostgreSQL engine's figures: the side-by-side ones, and a bot's start-up against a shared database. */
export type PostgresResult = EngineResult &
  Omit<PostgresBuild, "passages"> & {
    /** `createQa` against the built index. */
    startMs: number;
    /** `createQa` and the first answer. */
    firstAnswerMs: number;
    /** From the process's start (Node, tsx, importing the core) to the first answer. */
    firstAnswerFromProcessMs: number;
    rssAfterQuestionsMb: number;
    /** EXPLAIN of a RUM lookup after ANALYZE, outer nodes first. */
    plan: string;
  };

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const rum = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'");
    return rum.rowCount === 0 ? "the RUM extension is not installed" : undefined;
  } catch (error) {
    return String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Builds, loads and asks; the schema is dropped whatever happened. */
export async function measurePostgres(
  corpus: BenchCorpus,
  rates: Rates,
  budgetMs: number,
): Promise<Outcome<PostgresResult>> {
  const unavailable = await reachable(BENCH_INDEX_URL);
  if (unavailable) return { error: `not run: PostgreSQL at ${BENCH_INDEX_URL}: ${unavailable}` };
  const skipped = tooSlow(rates, "postgres", corpus, budgetMs);
  if (skipped) return skipped;
  const schema = `citebot_bench_${corpus.name}`;
  // One cache directory for the build and the bot, as in a deployment (the CC-CEDICT lexicon the build derives).
  const cacheDir = await mkdtemp(path.join(tmpdir(), "citebot-bench-pg-"));
  const common = [corpus.dir, BENCH_INDEX_URL, schema, cacheDir];
  try {
    const build = await runChild<PostgresBuild>("postgres-child.ts", ["build", ...common], budgetMs * 2);
    if (failed(build)) return build;
    rates.set("postgres", build.passages / build.buildMs);
    console.error(
      `[bench] ${corpus.name}: postgres load + questions (built in ${Math.round(build.buildMs)} ms)`,
    );
    const questions = [corpus.questionsFile ?? "-", String(corpus.questionCount)];
    const load = await runChild<Omit<PostgresResult, keyof PostgresBuild>>(
      "postgres-child.ts",
      ["load", ...common, ...questions],
      budgetMs * 2,
    );
    if (failed(load)) return load;
    return { ...build, ...load };
  } finally {
    await dropSchema(BENCH_INDEX_URL, schema).catch(() => undefined);
    await rm(cacheDir, { recursive: true, force: true });
  }
}
