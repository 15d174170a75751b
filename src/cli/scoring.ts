import { readFileSync } from "node:fs";
import { normalize } from "../core/language/normalize.ts";
import { type AnswerType, answerType } from "../core/question/answer-type.ts";
import type { Answer } from "../core/types.ts";
import { UsageError } from "./setup.ts";

/**
 * Scoring a question set as `../shared/eval/README.md` defines it: hit@k, MRR@3, abstentions, time per question.
 */

/** One line of a question set (see ../shared/eval/README.md). */
export interface Question {
  id: string;
  q: string;
  /** The article file that answers it; null when the corpus cannot. */
  file: string | null;
  /** Text the quote must contain (compared normalised, without white space). */
  span: string | null;
  kind: string;
}

/** What one question scored. */
export interface Outcome {
  question: Question;
  /** 1-based rank of the first right quote, or 0. */
  rank: number;
  answered: boolean;
  ms: number;
  /** What the question asks for, as the bot classified it. */
  type: AnswerType;
}

const squash = (text: string) => normalize(text).replace(/\s+/g, "");

/** A shown quote, as eval sees it: its text and the articles it is attributed to. */
export interface Shown {
  text: string;
  files: string[];
}

/** What eval reads of an answer: a quote counts for its article and for those it names as "also reported by". */
export function shown(answer: Answer): Shown[] {
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

export function readQuestions(file: string): Question[] {
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
export async function evaluate(
  ask: (question: string) => Promise<Shown[]>,
  questions: readonly Question[],
): Promise<Outcome[]> {
  for (const question of questions.slice(0, 20)) await ask(question.q);
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const start = performance.now();
    const quotes = await ask(question.q);
    const ms = performance.now() - start;
    const type = answerType(normalize(question.q));
    outcomes.push({ question, rank: hitRank(quotes, question), answered: quotes.length > 0, ms, type });
  }
  return outcomes;
}

/** Outcomes grouped by a key, the largest group first. */
export function breakdown(
  outcomes: readonly Outcome[],
  key: (outcome: Outcome) => string,
): Array<[string, Outcome[]]> {
  const groups = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const group = groups.get(key(outcome)) ?? [];
    group.push(outcome);
    groups.set(key(outcome), group);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length);
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
