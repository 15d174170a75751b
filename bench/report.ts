/** Turns the measurements into RESULTS.md: tables, ratios to citebot, and each target's verdict. */
import { fixedCostsTable, memoryTable, rssMeasured, startupMeasured } from "./costs.ts";
import type { FixedCosts } from "./fixed-child.ts";
import { postgresTable, postgresTargets } from "./postgres-report.ts";
import type { ReplicaRun } from "./replicas.ts";
import type { BotsResult } from "./run.ts";
import { type EngineResult, failed, type LoadResult, type Outcome, type SizeResult } from "./sizes.ts";
import { f, int } from "./stats.ts";

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a / b) ? "–" : `${(a / b).toFixed(2)}×`;

function citebotTable(sizes: SizeResult[]): string[] {
  const rows = [
    "| corpus | passages | build s | passages/s | saved index MB | load step ms | start-up ms | RSS after load MB (live heap) | p50 ms | p95 ms | p99 ms | slowest ms | loop delay max ms | q/s (1 core) | hit@1 |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const s of sizes) {
    const b = failed(s.build) ? undefined : s.build;
    const l = failed(s.load) ? undefined : s.load;
    rows.push(
      `| ${s.corpus.name} | ${int(b?.passages)} | ${f(b && b.buildMs / 1000)} | ${int(b && (b.passages / b.buildMs) * 1000)} | ${f(b && b.indexBytes / 1e6)} | ${int(b?.loadStepMs)} | ${int(l?.startMs)}${l?.rebuilt ? " (rebuilt!)" : ""} | ${int(l?.rssMb)} (${int(l?.heapMb)}) | ${f(l?.latency.p50, 2)} | ${f(l?.latency.p95, 2)} | ${f(l?.latency.p99, 2)} | ${f(l?.latency.max, 1)} | ${f(l?.loopDelayMaxMs)} | ${int(l?.latency.qps)} | ${f(l?.hit1, 3)} |`,
    );
  }
  const rebuilt = sizes.some((s) => !failed(s.load) && s.load.rebuilt)
    ? [
        "- (rebuilt!): the core's code or config changed between build and start-up, so start-up rebuilt the index.",
      ]
    : [];
  const notes = sizes.flatMap((s) =>
    [s.build, s.load].flatMap((o) => ("error" in o ? [`- ${s.corpus.name}: ${o.error}`] : [])),
  );
  return [...rows, "", ...notes, ...rebuilt];
}

function enginesTable(sizes: SizeResult[]): string[] {
  const rows = [
    "| corpus | engine | build s (× citebot) | p50 ms (× citebot) | p99 ms | slowest ms | RSS MB (× citebot) | hit@1 (citebot) |",
    "|---|---|--:|--:|--:|--:|--:|--:|",
  ];
  const notes: string[] = [];
  for (const s of sizes) {
    const b = failed(s.build) ? undefined : s.build;
    const l = failed(s.load) ? undefined : s.load;
    for (const [name, o] of Object.entries(s.engines)) {
      if ("error" in o) {
        notes.push(`- ${s.corpus.name} / ${name}: ${o.error}`);
        continue;
      }
      rows.push(
        `| ${s.corpus.name} | ${name} | ${f(o.buildMs / 1000, 2)} (${ratio(o.buildMs, b?.buildMs)}) | ${f(o.latency.p50, 2)} (${ratio(o.latency.p50, l?.latency.p50)}) | ${f(o.latency.p99, 2)} | ${f(o.latency.max)} | ${int(o.rssMb)} (${ratio(o.rssMb, l?.rssMb)}) | ${f(o.hit1, 3)} (${f(l?.hit1, 3)}) |`,
      );
    }
  }
  return [...rows, "", ...notes];
}

/** The bots as 1 and N processes: throughput and latency under one burst, memory, and whether any question was lost. */
function replicasTable(runs: ReplicaRun[] | { error: string } | undefined): string[] {
  if (!runs) return [];
  if ("error" in runs) return ["", `Replicas not measured: ${runs.error}`];
  const platform = { telegram: "Telegram", discord: "Discord" };
  const rows = runs.map((r) => {
    const split = r.perReplica.length > 1 ? ` (${r.perReplica.join(" + ")})` : "";
    const parent = r.rssMb.length > r.replicas ? " (parent) + " : "";
    const rss = parent
      ? `${int(r.rssMb[0])}${parent}${r.rssMb.slice(1).map(int).join(" + ")}`
      : r.rssMb.map(int).join(" + ");
    return `| ${platform[r.platform]} | ${r.index} | ${r.topology} | ${r.answered} of ${r.questions}${split} | ${int(r.perSecond)} | ${int(r.latency.p50)} | ${int(r.latency.p99)} | ${rss} | ${r.errors} |`;
  });
  const burst = runs[0]?.questions ?? 0;
  const most = Math.max(...runs.map((r) => r.replicas));
  return [
    "",
    `### Bots as replicas: 1 and ${most} processes`,
    "",
    `Replicas: \`npm start\` processes against the same stand-ins, seeds as the corpus (MiniSearch: each process builds its own index; PostgreSQL: \`npm run index\` once, every process reads with INDEX_SYNC=off), per-user limits in Redis; ${burst} questions from ${burst} distinct users sent at once (so no per-user or per-chat limit applies), after a warm-up of 5 per process. Telegram: posted to the proxy, timed to the sendMessage; the throttler of each replica (30 messages/s) applies, as shipped. Discord: dispatched back to back, alternately from two guilds that fall on different shards of two, timed to the PATCH @original.`,
    "",
    "| bot | index | processes | answered (per replica) | answers/s | p50 ms | p99 ms | RSS MB per process | errors |",
    "|---|---|---|--:|--:|--:|--:|---|--:|",
    ...rows,
  ];
}

export function botsTables(bots: BotsResult | { error: string } | undefined): string[] {
  if (!bots) return ["Not run (`--no-bots`)."];
  if ("error" in bots) return [`Not measured: ${bots.error}`];
  const t = bots.telegram.map(
    (r) =>
      `| ${r.label} | ${r.users} × ${r.questions / r.users} | ${int(r.perSecond)} | ${int(r.latency.p50)} | ${int(r.latency.p99)} | ${r.errors} |`,
  );
  const d = bots.discord;
  return [
    "| Telegram run | users × questions | answered/s | p50 ms | p99 ms | errors |",
    "|---|--:|--:|--:|--:|--:|",
    ...t,
    "",
    `| Discord, ${d.interactions} /ask one after another | p50 ms | p95 ms | p99 ms | max ms |`,
    "|---|--:|--:|--:|--:|",
    `| INTERACTION_CREATE → deferred callback (type 5) | ${f(d.ack.p50)} | ${f(d.ack.p95)} | ${f(d.ack.p99)} | ${f(d.ack.max)} |`,
    `| INTERACTION_CREATE → answer (PATCH @original) | ${f(d.answer.p50)} | ${f(d.answer.p95)} | ${f(d.answer.p99)} | ${f(d.answer.max)} |`,
    "",
    `Discord errors: ${d.errors}.`,
    ...replicasTable(bots.replicas),
  ];
}

type Verdict = boolean | undefined;
const mark = (v: Verdict) => (v === undefined ? "NOT MEASURED" : v ? "pass" : "**FAIL**");
const loadOf = (sizes: SizeResult[], name: string): LoadResult | undefined => {
  const s = sizes.find((x) => x.corpus.name === name);
  return s && !failed(s.load) ? s.load : undefined;
};

/** Memory growth per 10,000 passages between the smallest and largest loaded Wikipedia sizes. */
export function memoryGrowth(sizes: SizeResult[]): number | undefined {
  const points = sizes
    .filter((s) => s.corpus.name !== "seeds")
    .map((s) => (failed(s.load) ? undefined : s.load));
  const loaded = points.filter((l): l is LoadResult => l !== undefined);
  const [a, b] = [loaded[0], loaded.at(-1)];
  if (!a || !b || a === b) return undefined;
  return ((b.rssMb - a.rssMb) / (b.passages - a.passages)) * 10_000;
}

function targets(
  sizes: SizeResult[],
  bots: BotsResult | { error: string } | undefined,
  fixed: Outcome<FixedCosts> | undefined,
): string[] {
  const drcd = loadOf(sizes, "drcd");
  const big = loadOf(sizes, "300k");
  const hundred = loadOf(sizes, "100k");
  const flexRows = sizes.map((s): Verdict => {
    const flex = s.engines["flexsearch-cjk"] as EngineResult | undefined;
    if (failed(s.load) || failed(flex)) return undefined;
    return s.load.latency.p50 <= 1.5 * flex.latency.p50 && s.load.hit1 > flex.hit1;
  });
  const flexOk = flexRows.includes(false) ? false : flexRows.includes(undefined) ? undefined : true;
  // Building less jieba's dictionaries (timed apart in the build process) against the load step. A size that
  // ran but has no load step (nothing was saved) fails.
  const measured = sizes.flatMap((s) => {
    if (failed(s.build)) return [];
    const ratio = s.build.indexMs / s.build.loadStepMs;
    return [Number.isFinite(ratio) ? ratio : 0];
  });
  const blocks = sizes.map((s) => (failed(s.load) ? undefined : s.load.latency.max));
  const maxBlock = Math.max(...blocks.filter((b): b is number => b !== undefined));
  const [shippedBot, capacity] = bots && !("error" in bots) ? bots.telegram : [];
  const growth = memoryGrowth(sizes);
  const lines: Array<[string, Verdict, string]> = [
    ["p99 ≤ 5 ms at DRCD (~3,200 passages)", drcd && drcd.latency.p99 <= 5, `${f(drcd?.latency.p99, 2)} ms`],
    ["p99 ≤ 20 ms at 300,000 passages", big && big.latency.p99 <= 20, `${f(big?.latency.p99, 2)} ms`],
    ["p50 ≤ 1.5× FlexSearch's and better hit@1, every size", flexOk, "see the side-by-side table"],
    [
      "start-up from the saved index ≤ 1 s at 100,000",
      hundred && hundred.startMs <= 1000,
      startupMeasured(sizes, fixed),
    ],
    [
      "build ≥ 5× slower than loading the saved index (jieba's dictionaries timed apart)",
      measured.length ? measured.every((r) => r >= 5) : undefined,
      measured.map((r) => `${r.toFixed(1)}×`).join(", "),
    ],
    [
      "RSS after load ≤ 400 MB at 100,000",
      hundred && hundred.rssMb <= 400,
      rssMeasured(sizes, fixed, growth),
    ],
    [
      "Telegram ≥ 300 answers/s, no errors (the adapter's capacity: throttler removed)",
      capacity && capacity.perSecond >= 300 && capacity.errors === 0,
      `${int(capacity?.perSecond)}/s, ${capacity?.errors ?? "–"} errors; as shipped ${int(shippedBot?.perSecond)}/s, ${shippedBot?.errors ?? "–"} errors, held to Telegram's ~30 messages/s by the throttler`,
    ],
    [
      "no question blocks the event loop > 50 ms",
      Number.isFinite(maxBlock) ? maxBlock <= 50 : undefined,
      `slowest question ${f(maxBlock)} ms`,
    ],
  ];
  return [
    "| target | verdict | measured |",
    "|---|---|---|",
    ...lines.map(([t, v, m]) => `| ${t} | ${mark(v)} | ${m} |`),
  ];
}

/** The whole RESULTS.md. */
export function renderResults(
  header: string[],
  sizes: SizeResult[],
  bots: BotsResult | { error: string } | undefined,
  fixed: Outcome<FixedCosts> | undefined,
): string {
  return [
    ...header,
    "## Targets (issue 6)",
    "",
    ...targets(sizes, bots, fixed),
    "",
    "## Targets (issue 16): the PostgreSQL index",
    "",
    ...postgresTargets(sizes),
    "",
    "## citebot per corpus size",
    "",
    "![p50 latency](latency.svg) ![build time](build.svg)",
    "",
    ...citebotTable(sizes),
    "",
    "## PostgreSQL (RUM) per corpus size",
    "",
    ...postgresTable(sizes),
    "",
    "## Fixed costs: a process with no index",
    "",
    ...fixedCostsTable(fixed),
    "",
    "## What the memory is",
    "",
    ...memoryTable(sizes, fixed),
    "",
    "## Side by side: the same passages, the same questions",
    "",
    ...enginesTable(sizes),
    "",
    "## Bots",
    "",
    ...botsTables(bots),
    "",
  ].join("\n");
}
