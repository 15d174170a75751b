/**
 * Measures every engine at one corpus size, each step in its own child process. A step whose projected time
 * (from the previous size's rate) exceeds the budget is skipped and says so, rather than blowing the run's
 * time: a skipped figure is a finding, not a gap to hide.
 */
import path from "node:path";
import { PROJECT_ROOT } from "../src/config.ts";
import { type AskRun, PASSAGES_FILE, runChild } from "./child.ts";
import type { BenchCorpus } from "./corpora.ts";
import { ALTERNATIVES } from "./engines.ts";
import { measurePostgres } from "./postgres-step.ts";

/** citebot's build step. */
export interface BuildResult {
  /** The whole first start: jieba's dictionaries, reading the articles, indexing, saving. */
  buildMs: number;
  /** The same less jieba's dictionaries, timed apart in the same process. */
  indexMs: number;
  passages: number;
  indexBytes: number;
  loadStepMs: number;
  /** (term, passage) pairs in the loaded index, both fields (`PassageIndex.postings`). */
  postings: number;
}

/** citebot's start-up from the saved index, then its questions. */
export type LoadResult = Omit<AskRun, "hits"> & {
  startMs: number;
  /** True when start-up rebuilt instead of loading (the saved index's key no longer matched). */
  rebuilt: boolean;
  passages: number;
  rssMb: number;
  heapMb: number;
  hit1: number;
};

/** An alternative engine's build and questions. */
export type EngineResult = Omit<AskRun, "hits"> & {
  engine: string;
  passages: number;
  buildMs: number;
  rssMb: number;
  heapMb: number;
  hit1: number;
};

/** A step that did not produce figures, and why. */
export type Missing = { error: string };
export type Outcome<T> = T | Missing;
export const failed = <T extends object>(o: Outcome<T> | undefined): o is Missing | undefined =>
  o === undefined || "error" in o;

/** Everything measured at one size. */
export interface SizeResult {
  corpus: BenchCorpus;
  build: Outcome<BuildResult>;
  load: Outcome<LoadResult>;
  engines: Record<string, Outcome<EngineResult>>;
}

/** Passages indexed per millisecond, per engine, from the last size that ran: used to project the next. */
export type Rates = Map<string, number>;

const TARGET_PASSAGES: Record<string, number> = { "30k": 30_000, "100k": 100_000, "300k": 300_000 };

/** A skip with its reason when building `corpus` with `engine` is projected to take longer than `budgetMs`. */
export function tooSlow(
  rates: Rates,
  engine: string,
  corpus: BenchCorpus,
  budgetMs: number,
): Missing | undefined {
  const rate = rates.get(engine);
  const target = TARGET_PASSAGES[corpus.name];
  if (!rate || !target) return undefined;
  const projected = target / rate;
  if (projected <= budgetMs) return undefined;
  return {
    error: `skipped: building ${target.toLocaleString("en")} passages would take ~${Math.round(projected / 1000)} s at the last size's rate (${Math.round(rate * 1000)}/s), over the ${budgetMs / 1000} s budget`,
  };
}

/** Every engine a run can measure, by the name the report shows: citebot (MiniSearch), the alternatives, PostgreSQL. */
export const ENGINE_NAMES = ["citebot", ...ALTERNATIVES, "postgres"] as const;

/** Runs citebot (build, then load + questions), each alternative and PostgreSQL on one corpus, as `engines` says. */
export async function measureSize(
  corpus: BenchCorpus,
  rates: Rates,
  budgetMs: number,
  engines: ReadonlySet<string> = new Set(ENGINE_NAMES),
): Promise<SizeResult> {
  const cacheDir = path.join(PROJECT_ROOT, ".cache/bench-index", corpus.name);
  const questions = [corpus.questionsFile ?? "-", String(corpus.questionCount)];
  const log = (what: string) => console.error(`[bench] ${corpus.name}: ${what}`);

  const buildCitebot = async (): Promise<Outcome<BuildResult>> => {
    if (!engines.has("citebot")) return { error: "not run (--engines)" };
    log("citebot build");
    const args = ["build", corpus.dir, cacheDir];
    return (
      tooSlow(rates, "citebot", corpus, budgetMs) ?? runChild("load-child.ts", args, budgetMs * 1.5 + 60_000)
    );
  };
  const build = await buildCitebot();
  let load: Outcome<LoadResult> = { error: "not run: no saved index" };
  if (!failed(build)) {
    rates.set("citebot", build.passages / build.buildMs);
    log(`citebot load + questions (${build.passages} passages, built in ${Math.round(build.buildMs)} ms)`);
    load = await runChild<LoadResult>(
      "load-child.ts",
      ["load", corpus.dir, cacheDir, ...questions],
      budgetMs * 2,
    );
  }
  const results: Record<string, Outcome<EngineResult>> = {};
  const alternatives = ALTERNATIVES.filter((name) => engines.has(name));
  let cut: Outcome<{ passages: number }> = { passages: 0 };
  if (alternatives.length > 0 && (failed(build) || !Number.isFinite(build.indexBytes))) {
    log("passages (citebot's index is unavailable: cutting them as the core does)");
    cut = await runChild("load-child.ts", ["passages", corpus.dir, cacheDir], budgetMs * 2);
  }
  for (const name of alternatives) {
    if (failed(cut)) {
      results[name] = { error: `not run: no passages (${cut?.error})` };
      continue;
    }
    log(name);
    const passagesFile = path.join(cacheDir, PASSAGES_FILE);
    const result =
      tooSlow(rates, name, corpus, budgetMs) ??
      (await runChild<EngineResult>("engine-child.ts", [name, passagesFile, ...questions], budgetMs * 2));
    if (!failed(result)) rates.set(name, result.passages / result.buildMs);
    results[name] = result;
  }
  if (engines.has("postgres")) {
    log("postgres build (npm run index)");
    results.postgres = await measurePostgres(corpus, rates, budgetMs);
  }
  return { corpus, build, load, engines: results };
}
