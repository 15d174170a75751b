/** RESULTS.md's PostgreSQL part: the engine per corpus size, and issue 16's targets at 125k passages. */
import type { PostgresResult } from "./postgres-step.ts";
import { failed, type SizeResult } from "./sizes.ts";
import { f, int } from "./stats.ts";

const postgresOf = (s: SizeResult): PostgresResult | undefined => {
  const o = s.engines.postgres;
  return failed(o) ? undefined : (o as PostgresResult);
};

/** One row per size that ran PostgreSQL, with citebot's (MiniSearch's) hit@1 beside where it ran too. */
export function postgresTable(sizes: SizeResult[]): string[] {
  const rows = [
    "| corpus | passages | build s (`npm run index`) | ANALYZE s | tables + indexes MB | createQa ms | start-up to first answer ms (from process start) | bot RSS after load MB (after questions) | p50 ms | p95 ms | p99 ms | slowest ms | hit@1 (MiniSearch) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  const notes: string[] = [];
  for (const s of sizes) {
    if (!s.engines.postgres) continue;
    const p = postgresOf(s);
    if (!p) {
      notes.push(`- ${s.corpus.name}: ${(s.engines.postgres as { error: string }).error}`);
      continue;
    }
    const mini = failed(s.load) ? undefined : s.load.hit1;
    rows.push(
      `| ${s.corpus.name} | ${int(p.passages)} | ${f(p.buildMs / 1000)} | ${f(p.analyzeMs / 1000, 2)} | ${int(p.databaseBytes / 1e6)} | ${int(p.startMs)} | ${int(p.firstAnswerMs)} (${int(p.firstAnswerFromProcessMs)}) | ${int(p.rssMb)} (${int(p.rssAfterQuestionsMb)}) | ${f(p.latency.p50, 2)} | ${f(p.latency.p95, 2)} | ${f(p.latency.p99, 2)} | ${f(p.latency.max, 1)} | ${f(p.hit1, 3)} (${f(mini, 3)}) |`,
    );
  }
  const plans = sizes.flatMap((s) => {
    const p = postgresOf(s);
    return p ? [`- ${s.corpus.name}: ${p.plan}`] : [];
  });
  return [
    ...rows,
    "",
    ...notes,
    "",
    "Query plan of the reader's retrieval statement after ANALYZE (its scan of the passages):",
    "",
    ...plans,
  ];
}

/** Issue 16's bar at the 100k corpus (125,675 passages). */
export function postgresTargets(sizes: SizeResult[]): string[] {
  const s = sizes.find((x) => x.corpus.name === "100k");
  const p = s && postgresOf(s);
  const mark = (v: boolean | undefined) => (v === undefined ? "NOT MEASURED" : v ? "pass" : "**FAIL**");
  const lines: Array<[string, boolean | undefined, string]> = [
    ["p50 ≤ 12 ms", p && p.latency.p50 <= 12, `${f(p?.latency.p50, 2)} ms`],
    ["p99 ≤ 60 ms", p && p.latency.p99 <= 60, `${f(p?.latency.p99, 2)} ms`],
    [
      "bot RSS ≤ 450 MB",
      p && p.rssMb <= 450,
      `${int(p?.rssMb)} MB after load, ${int(p?.rssAfterQuestionsMb)} MB after the questions`,
    ],
    [
      "start-up to the first answer ≤ 3 s",
      p && p.firstAnswerMs <= 3000,
      `${int(p?.firstAnswerMs)} ms (createQa ${int(p?.startMs)} ms); ${int(p?.firstAnswerFromProcessMs)} ms from the process's start`,
    ],
  ];
  return [
    "| at 125,675 passages (100k), PostgreSQL | verdict | measured |",
    "|---|---|---|",
    ...lines.map(([t, v, m]) => `| ${t} | ${mark(v)} | ${m} |`),
  ];
}
