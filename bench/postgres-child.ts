/**
 * Child process: citebot with its index in PostgreSQL (RUM), in one of two modes, each in its own schema.
 *   build CORPUS_DIR URL SCHEMA CACHE_DIR
 *                                 drops the schema, then `createQa` with `sync: "wait"` (what `npm run index`
 *                                 does): build time, passages, the schema's size on disk; then ANALYZE, as
 *                                 autovacuum would after such a load, so that questions meet the planner's
 *                                 steady state, and the query plan of one question.
 *   load CORPUS_DIR URL SCHEMA CACHE_DIR QUESTIONS_FILE|- COUNT
 *                                 a bot's start-up in a fresh process (`sync: "background"`, the bots' default):
 *                                 `createQa`, then the first answer; resident memory right after; then the
 *                                 question set, as load-child.ts asks it.
 * Both use the same cache directory, as a deployment's `npm run index` and its bots do: the bot starts with the
 * CC-CEDICT lexicon the build derived into it, as a bot that ran before does.
 */
import path from "node:path";
import pg from "pg";
import { pino } from "pino";
import { PROJECT_ROOT } from "../src/config.ts";
import { POOL_FACTOR, retrievalStatement, retrievalValues } from "../src/core/index/postgres/reader.ts";
import { tablesOf } from "../src/core/index/postgres/schema.ts";
import { loadLexicon } from "../src/core/language/lexicon.ts";
import { createQa } from "../src/core/qa.ts";
import { createAnalyzer } from "../src/core/question/analyse.ts";
import { loadSearchSettings } from "../src/core/settings.ts";
import { askAll, report } from "./child.ts";
import { hitAt1, isHit, readQuestions, strideSample } from "./questions.ts";
import { liveHeapMb, rssMb } from "./stats.ts";

const CONFIG_DIR = path.join(PROJECT_ROOT, "config");
const [mode, corpusDir = "", url = "", schema = "", cacheDir = "", questionsFile = "-", count = "Infinity"] =
  process.argv.slice(2);
/** A question every corpus here can answer, for the first answer and the plan. */
const FIRST_QUESTION = "中華民國的首都在哪裡";

async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function open(sync: "wait" | "background") {
  const logger = pino({ level: "silent" });
  const start = performance.now();
  const qa = await createQa({
    corpusDir,
    cacheDir,
    configDir: CONFIG_DIR,
    logger,
    postgres: { url, schema, sync },
  });
  const openMs = performance.now() - start;
  return { qa, openMs, close: () => qa.close() };
}

const id = pg.escapeIdentifier(schema);
if (mode === "build") {
  await sql(`DROP SCHEMA IF EXISTS ${id} CASCADE`);
  const { qa, openMs, close } = await open("wait");
  const { passages, articles } = await qa.stats();
  await close();
  const start = performance.now();
  await sql(`ANALYZE ${id}.passages; ANALYZE ${id}.term_counts; ANALYZE ${id}.articles`);
  const analyzeMs = performance.now() - start;
  const [size] = await sql<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${schema}' AND c.relkind = 'r'`,
  );
  report({
    buildMs: openMs,
    analyzeMs,
    passages,
    articles,
    databaseBytes: Number(size?.bytes ?? Number.NaN),
  });
} else {
  const started = performance.now();
  const { qa, openMs, close } = await open("background");
  await qa.ask(FIRST_QUESTION, { limit: 1 });
  const firstAnswerMs = performance.now() - started;
  // performance.now() counts from the process's start: Node, tsx and importing the core included.
  const firstAnswerFromProcessMs = performance.now();
  const rss = rssMb();
  const heap = liveHeapMb();
  const questions = questionsFile === "-" ? [] : strideSample(readQuestions(questionsFile), Number(count));
  const run = await askAll(questions, async (q) => {
    const top = (await qa.ask(q.q, { limit: 1 })).quotes[0];
    return isHit(q, top && { file: top.article.file, text: top.text });
  });
  const rssAfterQuestions = rssMb();
  await close();
  report({
    engine: "postgres",
    startMs: openMs,
    firstAnswerMs,
    firstAnswerFromProcessMs,
    rssMb: rss,
    rssAfterQuestionsMb: rssAfterQuestions,
    heapMb: heap,
    plan: await plan(),
    ...run,
    hits: undefined,
    hit1: hitAt1(questions.slice(0, run.hits.length), run.hits),
  });
}

/**
 * The plan PostgreSQL picks for the reader's retrieval statement for one question after ANALYZE: its nodes over
 * the passages table, to show that the RUM index ranks rather than a sequential scan and a sort. The tsquery
 * reaches RUM as an InitPlan's value, so this plan is also the generic one the prepared statement settles on.
 */
async function plan(): Promise<string> {
  const settings = loadSearchSettings(CONFIG_DIR);
  const terms = createAnalyzer(loadLexicon(CONFIG_DIR)).question(FIRST_QUESTION);
  const { text } = retrievalStatement(tablesOf(schema));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const values = retrievalValues(terms, settings, settings.candidates * POOL_FACTOR);
    const rows = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, values)).rows;
    return rows
      .map((row) =>
        row["QUERY PLAN"]
          .trim()
          .replace(/\s+\(cost=.*$/, "")
          .replace(/^->\s+/, ""),
      )
      .filter((line) => /\bon passages\b|^(Index Cond|Order By|Filter): \(terms/.test(line))
      .join(" / ");
  } finally {
    await client.end();
  }
}
