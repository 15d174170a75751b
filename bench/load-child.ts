/**
 * Child process: citebot over one corpus, in one of two modes.
 *   build CORPUS_DIR CACHE_DIR   createQa with an empty cache: build time, passages, saved index size, and
 *                                the bare load step (read + parse + PassageIndex.fromJSON) timed apart,
 *                                with the loaded index's postings (what its memory grows with).
 *   passages CORPUS_DIR CACHE_DIR  only writes passages.json, cut as the core cuts them (readCorpus +
 *                                toPassages), for the other engines when citebot's build was skipped.
 *   load CORPUS_DIR CACHE_DIR QUESTIONS_FILE|- COUNT
 *                                createQa with the warm cache in a fresh process: start-up time and resident
 *                                memory right after (jieba's dictionaries included), then the question set.
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { PROJECT_ROOT } from "../src/config.ts";
import { readCorpus } from "../src/core/corpus/read-corpus.ts";
import { toPassages } from "../src/core/corpus/sentences.ts";
import { PassageIndex } from "../src/core/index/passage-index.ts";
import { readSnapshotFile } from "../src/core/index/snapshot-file.ts";
import { shippedCedict } from "../src/core/language/cedict-cache.ts";
import { loadLexicon } from "../src/core/language/lexicon.ts";
import { createQa } from "../src/core/qa.ts";
import { createAnalyzer } from "../src/core/question/analyse.ts";
import { loadSearchSettings } from "../src/core/settings.ts";
import { askAll, PASSAGES_FILE, report } from "./child.ts";
import { hitAt1, isHit, readQuestions, strideSample } from "./questions.ts";
import { liveHeapMb, rssMb } from "./stats.ts";

const CONFIG_DIR = path.join(PROJECT_ROOT, "config");
const [mode, corpusDir = "", cacheDir = "", questionsFile = "-", count = "Infinity"] = process.argv.slice(2);

/** Opens the Qa, keeping the "index ready" log line, which says how many passages were indexed. */
async function open() {
  let passages = Number.NaN;
  let added = 0;
  const logger = pino(
    { level: "info" },
    {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg?: string; passages?: number; added?: number };
        if (entry.msg !== "index ready") return;
        passages = entry.passages ?? Number.NaN;
        added = entry.added ?? 0;
      },
    },
  );
  const start = performance.now();
  const qa = await createQa({ corpusDir, cacheDir, configDir: CONFIG_DIR, logger });
  // Articles added at start-up mean the saved index was not used (e.g. core code changed since the build).
  return { qa, ms: performance.now() - start, passages, rebuilt: added > 0 };
}

async function indexFile(): Promise<string> {
  const name = (await readdir(cacheDir)).find((f) => f.startsWith("index-") && f.endsWith(".jsonl"));
  if (!name) throw new Error(`no saved index in ${cacheDir} (the core could not save it)`);
  return path.join(cacheDir, name);
}

/**
 * The load step alone, without hashing the corpus files or the source code, and the loaded index's postings.
 * It also writes the passages the index holds to `passages.json`, so that the other engines index exactly the
 * same units.
 */
async function loadStep(file: string): Promise<{ ms: number; postings: number }> {
  const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));
  const settings = loadSearchSettings(CONFIG_DIR);
  const start = performance.now();
  const snapshot = await readSnapshotFile(file, undefined);
  if (!snapshot) throw new Error(`cannot read ${file}`);
  const index = PassageIndex.fromJSON(snapshot, analyzer, settings);
  const ms = performance.now() - start;
  if (index.size === 0) throw new Error("loaded an empty index");
  const postings = index.postings();
  const passages = index.toJSON().passages.map(([, p]) => ({ file: p.file, text: p.text }));
  await writeFile(path.join(cacheDir, PASSAGES_FILE), JSON.stringify(passages));
  return { ms, postings };
}

if (mode === "passages") {
  const { passageMaxLength } = loadSearchSettings(CONFIG_DIR);
  const { articles } = await readCorpus(corpusDir, new Map());
  const passages = articles.flatMap((a) =>
    a.paragraphs.flatMap((p) => toPassages(p, passageMaxLength).map(({ text }) => ({ file: a.file, text }))),
  );
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, PASSAGES_FILE), JSON.stringify(passages));
  report({ passages: passages.length });
} else if (mode === "build") {
  await rm(cacheDir, { recursive: true, force: true });
  // jieba's dictionaries first, timed apart: createQa then finds them loaded, and its time is the index work.
  // The lexicon is derived into the cache directory as createQa would: a restart then finds it there, and the
  // load below measures a restart (without it, the first load derived CC-CEDICT's lexicon: 1.5 s more).
  const jiebaStart = performance.now();
  createAnalyzer(
    loadLexicon(CONFIG_DIR, shippedCedict({ dir: cacheDir, logger: pino({ level: "silent" }) })),
  );
  const jiebaMs = performance.now() - jiebaStart;
  const { qa, ms, passages } = await open();
  await qa.close();
  const rss = rssMb();
  const file = await indexFile().catch(() => undefined);
  const indexBytes = file ? (await stat(file)).size : Number.NaN;
  const step = file ? await loadStep(file) : { ms: Number.NaN, postings: Number.NaN };
  report({
    buildMs: jiebaMs + ms,
    indexMs: ms,
    passages,
    indexBytes,
    loadStepMs: step.ms,
    postings: step.postings,
    buildRssMb: rss,
  });
} else {
  const { qa, ms, passages, rebuilt } = await open();
  const rss = rssMb();
  const heap = liveHeapMb();
  const rssAfterGc = rssMb();
  const questions = questionsFile === "-" ? [] : strideSample(readQuestions(questionsFile), Number(count));
  const run = await askAll(questions, async (q) => {
    const top = (await qa.ask(q.q, { limit: 1 })).quotes[0];
    return isHit(q, top && { file: top.article.file, text: top.text });
  });
  await qa.close();
  report({
    startMs: ms,
    rebuilt,
    passages,
    rssMb: rss,
    heapMb: heap,
    rssAfterGcMb: rssAfterGc,
    ...run,
    hits: undefined,
    hit1: hitAt1(questions.slice(0, run.hits.length), run.hits),
  });
}
