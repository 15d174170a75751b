import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBigramBaseline } from "./baseline.ts";
import { evaluate, readQuestions, shown, summarize } from "./scoring.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE =
  "usage: npm run -s eval -- QUESTIONS.jsonl [--corpus DIR] [--limit 3] [--slowest 5] [--baseline]";

function row(label: string, s: ReturnType<typeof summarize>): string {
  const f = (x: number) => x.toFixed(3);
  return [
    label.padEnd(40),
    String(s.questions).padStart(6),
    f(s.hit1),
    f(s.hit3),
    f(s.mrr3),
    f(s.wronglyAbstained).padStart(9),
    s.abstained.padStart(9),
    s.medianMs.toFixed(2).padStart(8),
  ].join("  ");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: "string" },
      baseline: { type: "boolean", default: false },
      limit: { type: "string", default: "3" },
      slowest: { type: "string", default: "5" },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError("Which question set? Give a .jsonl file.");
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const beside = path.join(path.dirname(file), "corpus");
  const corpusDir = values.corpus ?? (existsSync(beside) ? beside : undefined);
  const questions = readQuestions(file);
  const limit = Number(values.limit);
  const { qa } = await openQa(corpusDir);
  const outcomes = await evaluate(async (q) => shown(await qa.ask(q, { limit })), questions);
  await qa.close();
  if (values.baseline) {
    const baseline = await createBigramBaseline(corpusDir ?? "seeds");
    const theirs = await evaluate(
      async (q) => baseline.ask(q, limit).map((h) => ({ text: h.text, files: [h.file] })),
      questions,
    );
    console.log(row("baseline: MiniSearch + character bigrams", summarize(theirs)));
  }

  console.log(
    `${"set / kind".padEnd(40)}  ${"n".padStart(6)}  hit@1  hit@3  MRR@3  wrong-abst  abstained  median-ms`,
  );
  console.log(row(`${path.basename(path.dirname(file))}/${path.basename(file)}`, summarize(outcomes)));
  for (const kind of [...new Set(outcomes.map((o) => o.question.kind))]) {
    console.log(row(`  ${kind}`, summarize(outcomes.filter((o) => o.question.kind === kind))));
  }
  const misses = outcomes.filter((o) => o.question.file !== null && o.rank !== 1);
  console.log(`\nnot first (${misses.length}):`);
  for (const o of misses.slice(0, 15))
    console.log(
      `  ${o.question.id} rank=${o.rank || "-"} ${o.answered ? "" : "(abstained) "}${o.question.q}`,
    );
  const wrongAnswers = outcomes.filter((o) => o.question.file === null && o.answered);
  for (const o of wrongAnswers)
    console.log(`  ${o.question.id} answered an unanswerable question: ${o.question.q}`);
  console.log("\nslowest:");
  for (const o of [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, Number(values.slowest))) {
    console.log(`  ${o.ms.toFixed(1)} ms  ${o.question.q.slice(0, 60)}`);
  }
}

runCommand(main, USAGE);
