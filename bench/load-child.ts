/**
 * Child process: citebot over one corpus, in one of two modes.
 *   build CORPUS_DIR CACHE_DIR   createQa with an empty cache: build time, passages, saved index size, and
 *                                the bare load step (read + JSON.parse + PassageIndex.fromJSON) timed apart.
 *   load CORPUS_DIR CACHE_DIR QUESTIONS_FILE|- COUNT
 *                                createQa with the warm cache in a fresh process: start-up time and resident
 *                                memory right after (jieba's dictionaries included), then the question set.
 */
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { PROJECT_ROOT } from "../src/config.ts";
import { type IndexSnapshot, PassageIndex } from "../src/core/index/passage-index.ts";
import { createQa } from "../src/core/qa.ts";
import { loadSearchSettings } from "../src/core/settings.ts";
import { createAnalyzer } from "../src/core/text/analyze.ts";
import { loadLexicon } from "../src/core/text/lexicon.ts";
import { askAll, PASSAGES_FILE, report } from "./child.ts";
import { hitAt1, isHit, readQuestions, strideSample } from "./questions.ts";
import { liveHeapMb, rssMb } from "./stats.ts";

const CONFIG_DIR = path.join(PROJECT_ROOT, "config");
const [mode, corpusDir = "", cacheDir = "", questionsFile = "-", count = "Infinity"] = process.argv.slice(2);

/** Opens the Qa, keeping the "index ready" log line, which says how many passages were indexed. */
async function open() {
  let passages = Number.NaN;
  const logger = pino(
    { level: "info" },
    {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg?: string; passages?: number };
        if (entry.msg === "index ready") passages = entry.passages ?? Number.NaN;
      },
    },
  );
  const start = performance.now();
  const qa = await createQa({ corpusDir, cacheDir, configDir: CONFIG_DIR, logger });
  return { qa, ms: performance.now() - start, passages };
}

async function indexFile(): Promise<string> {
  const name = (await readdir(cacheDir)).find((f) => f.startsWith("index-") && f.endsWith(".json"));
  if (!name) throw new Error(`no saved index in ${cacheDir} (the core could not save it)`);
  return path.join(cacheDir, name);
}

/**
 * The load step alone, without hashing the corpus files or the source code. It also writes the passages the
 * index holds to `passages.json`, so that the other engines index exactly the same units.
 */
async function loadStep(file: string): Promise<number> {
  const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
  const settings = loadSearchSettings(CONFIG_DIR);
  const start = performance.now();
  const saved = JSON.parse(await readFile(file, "utf8")) as { index: IndexSnapshot };
  const index = PassageIndex.fromJSON(saved.index, analyzer, settings);
  const ms = performance.now() - start;
  if (index.size === 0) throw new Error("loaded an empty index");
  const passages = index.toJSON().passages.map(([, p]) => ({ file: p.file, text: p.text }));
  await writeFile(path.join(cacheDir, PASSAGES_FILE), JSON.stringify(passages));
  return ms;
}

if (mode === "build") {
  await rm(cacheDir, { recursive: true, force: true });
  const { qa, ms, passages } = await open();
  await qa.close();
  const rss = rssMb();
  const file = await indexFile().catch(() => undefined);
  const indexBytes = file ? (await stat(file)).size : Number.NaN;
  const loadMs = file ? await loadStep(file) : Number.NaN;
  report({ buildMs: ms, passages, indexBytes, loadStepMs: loadMs, buildRssMb: rss });
} else {
  const { qa, ms, passages } = await open();
  const rss = rssMb();
  const heap = liveHeapMb();
  const rssAfterGc = rssMb();
  const questions = questionsFile === "-" ? [] : strideSample(readQuestions(questionsFile), Number(count));
  const run = await askAll(questions, (q) => {
    const top = qa.ask(q.q, { limit: 1 }).quotes[0];
    return isHit(q, top && { file: top.article.file, text: top.text });
  });
  await qa.close();
  report({
    startMs: ms,
    passages,
    rssMb: rss,
    heapMb: heap,
    rssAfterGcMb: rssAfterGc,
    ...run,
    hits: undefined,
    hit1: hitAt1(questions, run.hits),
  });
}
