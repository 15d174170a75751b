/**
 * Each measurement runs in its own Node process, so that one engine's garbage, or jieba's dictionaries,
 * never count against another's memory or latency. A child prints one `RESULT {json}` line.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { type Latency, latency } from "./stats.ts";

const PREFIX = "RESULT ";
/** The passages citebot indexed (in its cache directory), which the other engines index too. */
export const PASSAGES_FILE = "passages.json";

/** Called by a child: hands its result to the parent. */
export function report(result: object): void {
  process.stdout.write(`${PREFIX}${JSON.stringify(result)}\n`);
}

/**
 * The Node flags every child runs with, whichever engine it measures:
 * - a larger heap limit: Node's default on this machine (about 4.3 GB) is below what MiniSearch needs for 300,000
 *   passages, and sizes should fail for their own reasons, not for a flag;
 * - the larger young generation `npm start` gives the bot (package.json), so that the many short-lived objects a
 *   question makes cost fewer, cheaper collections.
 */
export const NODE_FLAGS = ["--max-old-space-size=16384", "--max-semi-space-size=64"];

/** Runs `bench/<script>` in a fresh `node --import tsx --expose-gc` (and NODE_FLAGS) and returns its result (or the reason it failed). */
export function runChild<T>(
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<T | { error: string }> {
  const file = path.join(import.meta.dirname, script);
  const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", ...NODE_FLAGS, file, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err = (err + d).slice(-4000);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith(PREFIX));
      if (line) return resolve(JSON.parse(line.slice(PREFIX.length)) as T);
      const why = signal === "SIGKILL" ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exit ${code}`;
      const cause = err.split("\n").find((l) => /^\w*Error\b/.test(l)) ?? err.trim().split("\n").at(-1);
      resolve({ error: `${script} ${why}: ${cause}` });
    });
  });
}

/** What asking a question set measured: per-question latency, the loop's longest stall, and hit@1 inputs. */
export interface AskRun {
  latency: Latency;
  /** Longest event-loop delay seen while asking (ms): a question blocks every other user for this long. */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  hits: boolean[];
}

/** The longest a child spends asking questions: a slow engine answers fewer of them rather than stall the run. */
const ASK_BUDGET_MS = 45_000;

/** At least this many questions are timed: a small set (the seeds' 20) is asked again, for a stable p99. */
const MIN_TIMED = 500;

/**
 * Asks every question once (or as many as fit in ASK_BUDGET_MS) after a short warm-up, yielding to the event
 * loop between questions so that `monitorEventLoopDelay` sees each question's blocking on its own, as a bot
 * serving many users would. A set smaller than MIN_TIMED is asked again until MIN_TIMED are timed; hits count
 * the first round only.
 */
export async function askAll<Q>(
  questions: readonly Q[],
  ask: (q: Q) => boolean | Promise<boolean>,
): Promise<AskRun> {
  for (const q of questions.slice(0, 20)) await ask(q);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const times: number[] = [];
  const hits: boolean[] = [];
  const deadline = performance.now() + ASK_BUDGET_MS;
  const asks = questions.length === 0 ? 0 : Math.max(questions.length, MIN_TIMED);
  for (let i = 0; i < asks; i++) {
    if (performance.now() > deadline) break;
    const q = questions[i % questions.length] as Q;
    const start = performance.now();
    const hit = await ask(q);
    times.push(performance.now() - start);
    if (i < questions.length) hits.push(hit);
    await yieldToLoop();
  }
  delay.disable();
  return {
    latency: latency(times),
    loopDelayMaxMs: delay.max / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    hits,
  };
}
