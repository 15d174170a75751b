/** `npm run bench`'s command line: what to measure, and where the report goes. */
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../src/config.ts";
import { SIZE_NAMES, type SizeName } from "./corpora.ts";
import { ENGINE_NAMES } from "./sizes.ts";

/** The recorded report, tracked in git: only a full run (or an explicit --out) writes it. */
export const RESULTS_FILE = path.join(PROJECT_ROOT, "bench", "RESULTS.md");
/** Where `--quick` writes unless --out says otherwise: a quick run must not overwrite the recorded figures. */
export const QUICK_RESULTS_FILE = path.join(PROJECT_ROOT, ".cache", "bench-quick", "RESULTS.md");

/** What one run measures and where its report (and the charts beside it) go. */
export interface BenchOptions {
  sizes: SizeName[];
  budgetMs: number;
  bots: boolean;
  botsOnly: boolean;
  questionLogOnly: boolean;
  replicas: number;
  burst: number;
  replicasIndex: string;
  engines: Set<string>;
  /** The report's path; its .json and the SVG charts are written beside it. */
  out: string;
}

/** Reads the bench's arguments (without the node and script paths); throws on an unknown size or engine. */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: SIZE_NAMES.join(",") },
      quick: { type: "boolean", default: false },
      budget: { type: "string", default: "240" },
      "no-bots": { type: "boolean", default: false },
      "bots-only": { type: "boolean", default: false },
      "question-log-only": { type: "boolean", default: false },
      replicas: { type: "string", default: "2" },
      burst: { type: "string", default: "200" },
      "replicas-index": { type: "string", default: "minisearch" },
      engines: { type: "string", default: ENGINE_NAMES.join(",") },
      out: { type: "string" },
    },
  });
  const engines = values.engines.split(",").map((s) => s.trim());
  const unknownEngines = engines.filter((e) => !(ENGINE_NAMES as readonly string[]).includes(e));
  if (unknownEngines.length)
    throw new Error(`unknown engine ${unknownEngines.join(", ")}; choose from ${ENGINE_NAMES.join(", ")}`);
  const sizes = (values.quick ? "seeds,drcd" : values.sizes).split(",").map((s) => s.trim());
  const unknown = sizes.filter((s) => !(SIZE_NAMES as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(`unknown size ${unknown.join(", ")}; choose from ${SIZE_NAMES.join(", ")}`);
  return {
    sizes: sizes as SizeName[],
    budgetMs: Number(values.budget) * 1000,
    bots: !values["no-bots"],
    botsOnly: values["bots-only"],
    questionLogOnly: values["question-log-only"],
    replicas: Number(values.replicas),
    burst: Number(values.burst),
    replicasIndex: values["replicas-index"],
    engines: new Set(engines),
    out: path.resolve(values.out ?? (values.quick ? QUICK_RESULTS_FILE : RESULTS_FILE)),
  };
}
