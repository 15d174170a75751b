import "../load-env.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../config.ts";
import { createBigramBaseline } from "./baseline.ts";
import { DEFAULT_EVAL_DIR, type EvalSet, sharedSets } from "./eval-sets.ts";
import { offTopicSets } from "./off-topic.ts";
import { breakdown, evaluate, type Outcome, readQuestions, shown, summarize } from "./scoring.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE = `usage: npm run -s eval -- QUESTIONS.jsonl [--corpus DIR] [--limit 3] [--slowest 5] [--baseline]
       npm run -s eval -- --all [EVAL_DIR]      (every shared set in one table; EVAL_DIR: ../shared/eval)`;

const HEADER =
  "| set / kind / answer type | n | hit@1 | hit@3 | MRR@3 | wrongly abstained | none abstained | median ms |";

function row(label: string, s: ReturnType<typeof summarize>): string {
  const f = (x: number) => x.toFixed(3);
  const pct = `${(s.wronglyAbstained * 100).toFixed(1)}%`;
  return `| ${label} | ${s.questions} | ${f(s.hit1)} | ${f(s.hit3)} | ${f(s.mrr3)} | ${pct} | ${s.abstained} | ${s.medianMs.toFixed(2)} |`;
}

/** The table's rows for one set: the whole set, then per kind (where a set has several), then per answer type. */
function rows(label: string, outcomes: readonly Outcome[]): string[] {
  const out = [row(`**${label}**`, summarize(outcomes))];
  const kinds = breakdown(outcomes, (o) => o.question.kind);
  if (kinds.length > 1)
    for (const [kind, group] of kinds) out.push(row(`${label} · ${kind}`, summarize(group)));
  for (const [type, group] of breakdown(outcomes, (o) => o.type))
    out.push(row(`${label} · asks ${type}`, summarize(group)));
  return out;
}

async function run(set: EvalSet, limit: number): Promise<Outcome[]> {
  const { qa } = await openQa(set.corpusDir);
  const outcomes = await evaluate(
    async (q) => shown(await qa.ask(q, { limit })),
    readQuestions(set.questions),
  );
  await qa.close();
  return outcomes;
}

/** Every shared set, one table (Markdown, as the README records it). */
async function all(evalDir: string, limit: number): Promise<void> {
  const sets = sharedSets(evalDir);
  const missing = sets.find((s) => !existsSync(s.questions));
  if (missing) throw new UsageError(`${missing.questions}: no such file (give the shared eval directory)`);
  console.log(`${HEADER}\n|---|--:|--:|--:|--:|--:|--:|--:|`);
  for (const set of sets) for (const line of rows(set.label, await run(set, limit))) console.log(line);
  // Precision beside recall: calibrate's off-topic questions at the settings in use, as the share answered.
  for (const set of Object.values(offTopicSets(evalDir))) {
    const { qa } = await openQa(set.corpusDir);
    const outcomes = await evaluate(async (q) => shown(await qa.ask(q, { limit })), set.questions);
    await qa.close();
    const s = summarize(outcomes);
    const answered = outcomes.filter((o) => o.answered).length / outcomes.length;
    console.log(
      `| ${set.label}: answered ${(answered * 100).toFixed(1)}% | ${s.questions} | | | | | ${s.abstained} | ${s.medianMs.toFixed(2)} |`,
    );
  }
}

/** One set: its table, the questions not answered first and the slowest ones. */
async function one(
  file: string,
  values: { corpus?: string; baseline: boolean; slowest: string },
  limit: number,
) {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const beside = path.join(path.dirname(file), "corpus");
  // Without --corpus or a corpus/ beside the questions: the project's seeds, wherever the command is run from.
  const corpusDir = values.corpus ?? (existsSync(beside) ? beside : path.join(PROJECT_ROOT, "seeds"));
  const outcomes = await run({ label: path.basename(file), questions: file, corpusDir }, limit);
  console.log(`${HEADER}\n|---|--:|--:|--:|--:|--:|--:|--:|`);
  if (values.baseline) {
    const baseline = await createBigramBaseline(corpusDir);
    const theirs = await evaluate(
      async (q) => baseline.ask(q, limit).map((h) => ({ text: h.text, files: [h.file] })),
      readQuestions(file),
    );
    console.log(row("baseline: MiniSearch + character bigrams", summarize(theirs)));
  }
  for (const line of rows(`${path.basename(path.dirname(file))}/${path.basename(file)}`, outcomes))
    console.log(line);
  const misses = outcomes.filter((o) => o.question.file !== null && o.rank !== 1);
  console.log(`\nnot first (${misses.length}):`);
  for (const o of misses.slice(0, 15))
    console.log(
      `  ${o.question.id} rank=${o.rank || "-"} ${o.answered ? "" : "(abstained) "}[${o.type}] ${o.question.q}`,
    );
  for (const o of outcomes.filter((o) => o.question.file === null && o.answered))
    console.log(`  ${o.question.id} answered an unanswerable question: ${o.question.q}`);
  console.log("\nslowest:");
  for (const o of [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, Number(values.slowest)))
    console.log(`  ${o.ms.toFixed(1)} ms  ${o.question.q.slice(0, 60)}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      corpus: { type: "string" },
      baseline: { type: "boolean", default: false },
      limit: { type: "string", default: "3" },
      slowest: { type: "string", default: "5" },
    },
  });
  const limit = Number(values.limit);
  if (values.all) return all(positionals[0] ?? DEFAULT_EVAL_DIR, limit);
  const file = positionals[0];
  if (!file) throw new UsageError("Which question set? Give a .jsonl file, or --all.");
  return one(file, values, limit);
}

runCommand(main, USAGE);
