/**
 * Child process: one alternative engine over one corpus. Builds it from the core's own passages, records
 * memory, then asks the question set.
 *   node --import tsx bench/engine-child.ts ENGINE PASSAGES_JSON QUESTIONS_FILE|- COUNT
 * PASSAGES_JSON is what citebot's own index holds (written by load-child.ts), so every engine indexes the
 * same units.
 */
import { readFileSync } from "node:fs";
import { askAll, report } from "./child.ts";
import { type AlternativeName, createEngine } from "./engines.ts";
import { hitAt1, isHit, readQuestions, strideSample } from "./questions.ts";
import { liveHeapMb, rssMb } from "./stats.ts";

const [name, passagesFile = "", questionsFile = "-", count = "Infinity"] = process.argv.slice(2);
const passages = JSON.parse(readFileSync(passagesFile, "utf8")) as Array<{ file: string; text: string }>;

const engine = createEngine(name as AlternativeName);
const start = performance.now();
passages.forEach((p, id) => {
  engine.add(id, p.text);
});
const buildMs = performance.now() - start;
const rss = rssMb();
const heap = liveHeapMb();

const questions = questionsFile === "-" ? [] : strideSample(readQuestions(questionsFile), Number(count));
const run = await askAll(questions, (q) => isHit(q, passages[engine.search(q.q, 1)[0] ?? -1]));
report({
  engine: name,
  passages: passages.length,
  buildMs,
  rssMb: rss,
  heapMb: heap,
  ...run,
  hits: undefined,
  hit1: hitAt1(questions.slice(0, run.hits.length), run.hits),
});
