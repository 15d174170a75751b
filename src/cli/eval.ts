import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { normalize } from "../core/text/normalize.ts";
import type { Answer, Qa, Quote } from "../core/types.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE = "usage: npm run -s eval -- QUESTIONS.jsonl [--corpus DIR] [--limit 3] [--slowest 5]";

/** One line of a question set (see ../shared/eval/README.md). */
interface Question {
  id: string;
  q: string;
  /** The article file that answers it; null when the corpus cannot. */
  file: string | null;
  /** Text the quote must contain (compared normalised, without white space). */
  span: string | null;
  kind: string;
}

/** What one question scored. */
interface Outcome {
  question: Question;
  /** 1-based rank of the first right quote, or 0. */
  rank: number;
  answered: boolean;
  ms: number;
}

const squash = (text: string) => normalize(text).replace(/\s+/g, "");

/**
 * Rank of the first quote from the right file that contains the span; 0 when none does. A quote that names the
 * right file under "also reported by" counts: the two articles carry the same fact and the reply names both.
 */
export function hitRank(answer: Answer, question: Question): number {
  const span = question.span === null ? "" : squash(question.span);
  const fromFile = (quote: Quote) =>
    quote.article.file === question.file || quote.alsoReportedBy.some((a) => a.file === question.file);
  return answer.quotes.findIndex((quote) => fromFile(quote) && squash(quote.text).includes(span)) + 1;
}

function readQuestions(file: string): Question[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as Question;
      } catch {
        throw new UsageError(`${file}:${i + 1}: not a JSON question`);
      }
    });
}

/** Scores a question set: every question asked once, timed. */
export function evaluate(qa: Qa, questions: readonly Question[], limit: number): Outcome[] {
  return questions.map((question) => {
    const start = performance.now();
    const answer = qa.ask(question.q, { limit });
    const ms = performance.now() - start;
    return { question, rank: hitRank(answer, question), answered: answer.quotes.length > 0, ms };
  });
}

/** The summary line of a group of outcomes. */
export function summarize(outcomes: readonly Outcome[]) {
  const answerable = outcomes.filter((o) => o.question.file !== null);
  const unanswerable = outcomes.filter((o) => o.question.file === null);
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    questions: outcomes.length,
    hit1: share(answerable.filter((o) => o.rank === 1).length, answerable.length),
    hit3: share(answerable.filter((o) => o.rank >= 1 && o.rank <= 3).length, answerable.length),
    mrr3: share(
      answerable.reduce((sum, o) => sum + (o.rank >= 1 && o.rank <= 3 ? 1 / o.rank : 0), 0),
      answerable.length,
    ),
    wronglyAbstained: share(answerable.filter((o) => !o.answered).length, answerable.length),
    abstained: `${unanswerable.filter((o) => !o.answered).length}/${unanswerable.length}`,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
  };
}

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
      limit: { type: "string", default: "3" },
      slowest: { type: "string", default: "5" },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError("Which question set? Give a .jsonl file.");
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const beside = path.join(path.dirname(file), "corpus");
  const { qa } = await openQa(values.corpus ?? (existsSync(beside) ? beside : undefined));
  const outcomes = evaluate(qa, readQuestions(file), Number(values.limit));
  await qa.close();

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
