/** The question log's step of `npm run bench`: answer latency with the log on and off, in the same run. */
import { runChild } from "./child.ts";
import { f, type Latency } from "./stats.ts";

/** What question-log-child.ts reports. */
export interface QuestionLogRun {
  questions: number;
  /** Rows in the log after the run: one per question asked with the log on. */
  rows: number;
  on: Latency;
  off: Latency;
}

/** Runs the step in a fresh process. */
export function measureQuestionLog(): Promise<QuestionLogRun | { error: string }> {
  console.error("[bench] question log on vs off");
  return runChild<QuestionLogRun>("question-log-child.ts", [], 300_000);
}

/** The step's section of RESULTS.md. */
export function questionLogTable(run: QuestionLogRun | { error: string }): string[] {
  const title = "## Question log (operator's console): answer latency with QUESTION_LOG on and off";
  if ("error" in run) return [title, "", `Failed: ${run.error}`];
  const change = (key: "p50" | "p95") => `${f(((run.on[key] - run.off[key]) / run.off[key]) * 100)}%`;
  return [
    title,
    "",
    `The seeds' questions, ${run.questions} asks per mode, alternating on/off one by one in one process over one`,
    `index (bench/question-log-child.ts); the log (SQLite, WAL) holds ${run.rows} rows after the run.`,
    "",
    "| QUESTION_LOG | p50 ms | p95 ms | p99 ms |",
    "|---|---:|---:|---:|",
    `| off | ${f(run.off.p50, 2)} | ${f(run.off.p95, 2)} | ${f(run.off.p99, 2)} |`,
    `| on | ${f(run.on.p50, 2)} | ${f(run.on.p95, 2)} | ${f(run.on.p99, 2)} |`,
    `| on vs off | ${change("p50")} | ${change("p95")} | |`,
  ];
}
