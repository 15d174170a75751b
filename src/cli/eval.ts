import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { normalize } from "../core/text/normalize.ts";
import type { Answer } from "../core/types.ts";
import { createBigramBaseline } from "./baseline.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE =
  "usage: npm run -s eval -- QUESTIONS.jsonl [--corpus DIR] [--limit 3] [--slowest 5] [--baseline]";

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

/** A shown quote, as eval sees it: its text and the articles it is attributed to. */
interface Shown {
  text: string;
  files: string[];
}

/** What eval reads of an answer: a quote counts for its article and for those it names as "also reported by". */
function shown(answer: Answer): Shown[] {
  return answer.quotes.map((q) => ({
    text: q.text,
    files: [q.article.file, ...q.alsoReportedBy.map((a) => a.file)],
  }));
}

/**
 * Rank of the first quote from the right file that contains the span; 0 when none does. A quote that names the
 * right file under "also reported by" counts: the two articles carry the same fact and the reply names both.
 */
export function hitRank(quotes: readonly Shown[], question: Question): number {
  const span = question.span === null ? "" : squash(question.span);
  return (
    quotes.findIndex(
      (q) => question.file !== null && q.files.includes(question.file) && squash(q.text).includes(span),
    ) + 1
  );
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

/** Scores a question set: every question asked once, timed, after a few untimed ones to warm up. */
export function evaluate(ask: (question: string) => Shown[], questions: readonly Question[]): Outcome[] {
  for (const question of questions.slice(0, 20)) ask(question.q);
  return questions.map((question) => {
    const start = performance.now();
    const quotes = ask(question.q);
    const ms = performance.now() - start;
    return { question, rank: hitRank(quotes, question), answered: quotes.length > 0, ms };
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
  const outcomes = evaluate((q) => shown(qa.ask(q, { limit })), questions);
  await qa.close();
  if (values.baseline) {
    const baseline = await createBigramBaseline(corpusDir ?? "seeds");
    const theirs = evaluate(
      (q) => baseline.ask(q, limit).map((h) => ({ text: h.text, files: [h.file] })),
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
