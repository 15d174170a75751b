/**
 * `npm run bench`: speed, memory and scale of the core, side by side with the alternatives, and the bots'
 * throughput, written to bench/RESULTS.md with SVG charts (issue 6).
 *
 *   npm run bench                       all sizes: seeds, drcd, 30k, 100k, 300k
 *   npm run bench -- --quick            seeds and drcd only (a minute or two), written to .cache/bench-quick/
 *   npm run bench -- --sizes drcd,30k --budget 120 --no-bots
 *   npm run bench -- --sizes 100k --engines postgres --no-bots --out .cache/bench/pg.md
 *   npm run bench -- --bots-only        the bots alone, their section printed (RESULTS.md left as it is)
 *   npm run bench -- --question-log-only   the question log's cost alone (on vs off), printed
 *
 * --budget is the most seconds one engine may spend building at one size; a step projected to take longer,
 * from the previous size's rate, is skipped and reported as such, so the full run stays within ~15 minutes.
 * --engines picks among citebot, the alternatives and postgres (default all); PostgreSQL runs where
 * BENCH_INDEX_URL points (default the tests' database), in a schema per size that is dropped after.
 * --replicas N also runs the bots as N processes (Telegram webhook replicas, Discord shards) beside 1, with a burst
 * of --burst questions (bench/replicas.ts; default 2 and 200; 0 skips it); they share limits in Redis at
 * BENCH_REDIS_URL (default 127.0.0.1:6379). --replicas-index minisearch,postgres runs them on either index or
 * both (PostgreSQL: the tests' database, TEST_INDEX_URL, in a schema of their own).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { NODE_FLAGS, runChild } from "./child.ts";
import { prepareCorpus } from "./corpora.ts";
import type { DiscordRun } from "./discord.ts";
import type { FixedCosts } from "./fixed-child.ts";
import { parseBenchOptions } from "./options.ts";
import { measureQuestionLog, questionLogTable } from "./question-log.ts";
import type { ReplicaRun } from "./replicas.ts";
import { botsTables, renderResults } from "./report.ts";
import { failed, measureSize, type Rates, type SizeResult } from "./sizes.ts";
import { lineChart } from "./svg.ts";
import type { TelegramRun } from "./telegram.ts";

/** What bots-child.ts reports. */
export interface BotsResult {
  telegram: TelegramRun[];
  discord: DiscordRun;
  /** The bots as 1 and N processes (replicas-child.ts), when run. */
  replicas?: ReplicaRun[] | { error: string };
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The 1, 5 and 15 minute load averages: the machine is shared, so figures are read against them. */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

async function writeCharts(sizes: SizeResult[], dir: string): Promise<void> {
  const labels = sizes.map((s) =>
    failed(s.build) ? s.corpus.name : `${s.corpus.name} (${s.build.passages.toLocaleString("en")})`,
  );
  const engines = [...new Set(sizes.flatMap((s) => Object.keys(s.engines)))];
  const pick = (s: SizeResult, name: string, key: "p50" | "build") => {
    if (name === "citebot") {
      if (key === "build") return failed(s.build) ? null : s.build.buildMs;
      return failed(s.load) ? null : s.load.latency.p50;
    }
    const e = s.engines[name];
    if (failed(e)) return null;
    return key === "build" ? e.buildMs : e.latency.p50;
  };
  const series = (key: "p50" | "build") =>
    ["citebot", ...engines].map((name) => ({ name, values: sizes.map((s) => pick(s, name, key)) }));
  await writeFile(
    path.join(dir, "latency.svg"),
    lineChart("Question latency, p50", "ms", labels, series("p50")),
  );
  await writeFile(path.join(dir, "build.svg"), lineChart("Index build time", "ms", labels, series("build")));
}

/** The bots in one process (bots-child.ts), then as replicas unless `replicas` is 0. */
async function measureBots(
  replicas: number,
  burst: number,
  replicasIndex: string,
): Promise<BotsResult | { error: string }> {
  console.error("[bench] bots");
  const result = await runChild<BotsResult>("bots-child.ts", [], 300_000);
  if ("error" in result || replicas === 0) return result;
  console.error(`[bench] bots as 1 and ${replicas} processes`);
  const args = ["--replicas", String(replicas), "--burst", String(burst), "--index", replicasIndex];
  return { ...result, replicas: await runChild<ReplicaRun[]>("replicas-child.ts", args, 900_000) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { sizes, budgetMs, bots, botsOnly, questionLogOnly, replicas, burst, replicasIndex, engines, out } =
    parseBenchOptions(process.argv.slice(2));
  if (questionLogOnly) {
    console.log([`Machine: ${machine()}.`, "", ...questionLogTable(await measureQuestionLog())].join("\n"));
    return;
  }
  if (botsOnly) {
    const args = process.argv.slice(2).join(" ");
    console.log(
      [
        `Machine: ${machine()}; load average at the start ${loadAverage()}.`,
        `Reproduce with \`npm run bench -- ${args}\`.`,
        "",
        ...botsTables(await measureBots(replicas, burst, replicasIndex)),
        "",
        `Load average at the end: ${loadAverage()}.`,
      ].join("\n"),
    );
    return;
  }
  const rates: Rates = new Map();
  // Once per run, not per size: what jieba costs is the same at every size.
  console.error("[bench] fixed costs (a process with jieba and no index)");
  const fixed = await runChild<FixedCosts>("fixed-child.ts", [], 120_000);
  const results: SizeResult[] = [];
  for (const name of sizes)
    results.push(await measureSize(await prepareCorpus(name), rates, budgetMs, engines));
  let botsResult: BotsResult | { error: string } | undefined;
  if (bots) botsResult = await measureBots(replicas, burst, replicasIndex);
  const questionLog = bots ? await measureQuestionLog() : undefined;
  const minutes = (performance.now() - started) / 60_000;
  const args = process.argv.slice(2).join(" ");
  const header = [
    "# Benchmark results",
    "",
    `Machine: ${machine()}.`,
    `Run on ${new Date().toISOString().slice(0, 10)}; took ${minutes.toFixed(1)} minutes.`,
    `Reproduce with \`npm run bench${args ? ` -- ${args}` : ""}\` (see bench/run.ts for the options).`,
    "",
    `How it was measured: every step runs in a fresh Node process (with \`${NODE_FLAGS.join(" ")}\`: Node's`,
    "default heap limit here, 4.3 GB, is below what 300,000 passages need; the young generation is the one",
    "`npm start` sets). citebot builds with an empty cache, then a",
    "second process starts from the saved index (start-up = the whole `createQa`; load step = read + parse +",
    "`PassageIndex.fromJSON` only), records resident memory (jieba's dictionaries included; live heap after a",
    "full GC in brackets) and asks the questions one at a time, yielding to the event loop in between.",
    "The alternatives index the passages citebot's own index holds, with no Traditional→Simplified conversion.",
    "Questions: `dev.jsonl` on the seeds; all DRCD dev questions on drcd; a fixed stride sample of 1,000 at the",
    'larger sizes, which repeat DRCD + CMRC dev (copy r has "(副本 r)" in its title): a hit there is the',
    "right DRCD article or any copy of it. Repeated passages make every term r times as common: pessimistic",
    "for latency. hit@1: the first result comes from the right article and contains the answer span.",
    "",
  ];
  await mkdir(path.dirname(out), { recursive: true });
  await writeCharts(results, path.dirname(out));
  const logSection = questionLog ? ["", ...questionLogTable(questionLog), ""].join("\n") : "";
  const markdown = renderResults(header, results, botsResult, fixed) + logSection;
  await writeFile(out, markdown);
  // The raw figures too, beside it: a report can be redrawn, or rows taken from it, without re-running.
  await writeFile(
    out.replace(/\.md$/, ".json"),
    JSON.stringify({ results, bots: botsResult, fixed, questionLog }, null, 1),
  );
  console.log(markdown);
  // Said last, after the report: where it went (a quick run leaves bench/RESULTS.md and its charts alone).
  console.error(
    `[bench] wrote ${out}, its .json and the charts (latency.svg, build.svg) in ${path.dirname(out)}`,
  );
}

await main();
