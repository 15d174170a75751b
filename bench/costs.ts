/**
 * The report's account of start-up and memory: what a process pays before any index (fixed-child.ts) and what
 * the index costs per posting. The start-up and RSS targets fail for these reasons, and the bench shows them
 * with the run's own numbers rather than a bare FAIL.
 */
import type { FixedCosts } from "./fixed-child.ts";
import { failed, type Outcome, type SizeResult } from "./sizes.ts";
import { f, int } from "./stats.ts";

/** The size the targets name. */
const TARGET_PASSAGES = 100_000;

/** One size's index, counted, and the memory its load step's process held. */
interface Memory {
  name: string;
  passages: number;
  postings: number;
  postingsPerPassage: number;
  rssMb: number;
  heapMb: number;
  /** Live heap bytes per posting: the whole heap (MB are 10^6 bytes, as `liveHeapMb` counts them). */
  bytesPerPosting: number;
  /** The same, net of the live heap a process holds before any index (undefined when that was not measured). */
  netBytesPerPosting: number | undefined;
}

function memoryOf(s: SizeResult, fixed: FixedCosts | undefined): Memory | undefined {
  if (failed(s.build) || failed(s.load) || !Number.isFinite(s.build.postings) || !s.build.postings) return;
  const { postings } = s.build;
  const { passages, rssMb, heapMb } = s.load;
  return {
    name: s.corpus.name,
    passages,
    postings,
    postingsPerPassage: postings / passages,
    rssMb,
    heapMb,
    bytesPerPosting: (heapMb * 1e6) / postings,
    netBytesPerPosting: fixed && ((heapMb - fixed.heapAfterJiebaMb) * 1e6) / postings,
  };
}

const costsIfMeasured = (fixed: Outcome<FixedCosts> | undefined) => (failed(fixed) ? undefined : fixed);

/** The "Fixed costs" table: a process with no index, before and after jieba's dictionaries. */
export function fixedCostsTable(fixed: Outcome<FixedCosts> | undefined): string[] {
  if (failed(fixed)) return [`Not measured: ${fixed?.error ?? "not run"}.`];
  return [
    "| bare process RSS MB | importing the core ms | RSS after importing MB | jieba's dictionaries (`createAnalyzer(loadLexicon())`) ms | RSS after jieba MB | live heap MB |",
    "|--:|--:|--:|--:|--:|--:|",
    `| ${int(fixed.bareRssMb)} | ${int(fixed.importMs)} | ${int(fixed.rssAfterImportMb)} | ${int(fixed.jiebaMs)} | ${int(fixed.rssAfterJiebaMb)} (+${int(fixed.rssAfterJiebaMb - fixed.rssAfterImportMb)}) | ${int(fixed.heapAfterJiebaMb)} |`,
    "",
    "Measured once per run, in a fresh process with the same flags, that holds no index: every citebot process",
    "pays this whatever the corpus size. jieba's dictionaries are native memory: in RSS, not in the live heap.",
  ];
}

/** The "What the memory is" table: postings per size and the live heap each one costs. */
export function memoryTable(sizes: SizeResult[], fixedOutcome: Outcome<FixedCosts> | undefined): string[] {
  const fixed = costsIfMeasured(fixedOutcome);
  const rows = sizes.flatMap((s) => {
    const m = memoryOf(s, fixed);
    if (!m) return [];
    return [
      `| ${m.name} | ${int(m.passages)} | ${int(m.postings)} | ${f(m.postingsPerPassage)} | ${int(m.rssMb)} | ${int(m.heapMb)} | ${int(m.bytesPerPosting)} (${int(m.netBytesPerPosting)}) |`,
    ];
  });
  if (!rows.length) return ["No size was both built and loaded."];
  return [
    "| corpus | passages | postings | postings/passage | RSS after load MB | live heap MB | live heap bytes/posting (net of a process with no index) |",
    "|---|--:|--:|--:|--:|--:|--:|",
    ...rows,
    "",
    "A posting is one (term, passage) pair of either field (jieba words, character bigrams): `PassageIndex.postings()`",
    "on the saved index, loaded. The live heap (after a full GC, in the load step's process) holds MiniSearch's",
    "radix tree and per-term Maps, the passages' text and the document frequencies. Net: less the live heap of",
    "a process with no index (Fixed costs). Bytes per posting fall as the index grows: a term's Map costs the",
    "same overhead however few passages it lists. MB are 10^6 bytes.",
    "",
    floorLine(sizes, fixed),
  ];
}

/**
 * The least RSS 100,000 passages can take: their index's live heap, plus a process with jieba. It scales down
 * the smallest size of at least 100,000 passages, never up from a smaller one: bytes per posting fall as the
 * index grows (a term's per-field Map has the same overhead however few passages it lists), so scaling a larger
 * index down at its cost per posting understates, and a smaller one up overstates.
 */
export function floorLine(sizes: SizeResult[], fixed: FixedCosts | undefined): string {
  const measured = sizes.flatMap((s) => memoryOf(s, fixed) ?? []).sort((a, b) => a.passages - b.passages);
  const m = measured.find((x) => x.passages >= TARGET_PASSAGES);
  const floor = `Floor at ${int(TARGET_PASSAGES)} passages`;
  if (!fixed) return `${floor}: not measured (the fixed costs were not measured).`;
  if (!m || m.netBytesPerPosting === undefined) {
    const seen = measured.map((x) => `${int(x.netBytesPerPosting)} at ${x.name}`).join(", ");
    return `${floor}: not measured (no size that large ran; bytes/posting, net: ${seen || "–"}).`;
  }
  const heapMb = (TARGET_PASSAGES * m.postingsPerPassage * m.netBytesPerPosting) / 1e6;
  return [
    `${floor}: ${int(TARGET_PASSAGES)} × ${f(m.postingsPerPassage)} postings/passage`,
    `× ${int(m.netBytesPerPosting)} bytes/posting (net, both as measured at ${m.name}) = ${int(heapMb)} MB of live heap`,
    `for the index (postings, passage text, metadata); with the ${int(fixed.rssAfterJiebaMb)} MB of a process`,
    `with jieba's dictionaries, ${int(heapMb + fixed.rssAfterJiebaMb)} MB of RSS at the least, against the 400 MB target.`,
  ].join(" ");
}

/** The start-up target's `measured` column: the start-up, and beside it the parts that were timed apart. */
export function startupMeasured(sizes: SizeResult[], fixedOutcome: Outcome<FixedCosts> | undefined): string {
  const fixed = costsIfMeasured(fixedOutcome);
  const s = sizes.find((x) => x.corpus.name === "100k");
  const jieba = fixed
    ? `jieba's dictionaries ${int(fixed.jiebaMs)} ms${fixed.jiebaMs > 1000 ? " (alone over 1 s)" : ""}`
    : undefined;
  if (!s || failed(s.load)) return `not measured at 100k${jieba ? `; ${jieba} at every size` : ""}`;
  // Each part comes from its own process (fixed-child, the build step), so they are not shares of the start-up.
  const parts = [
    jieba,
    failed(s.build) ? undefined : `reading and restoring the index ${int(s.build.loadStepMs)} ms`,
  ].filter((p) => p !== undefined);
  return `${int(s.load.startMs)} ms${parts.length ? `; timed apart: ${parts.join(", ")}` : ""}`;
}

/** The RSS target's `measured` column: the RSS, what a process pays before any index, and the growth. */
export function rssMeasured(
  sizes: SizeResult[],
  fixedOutcome: Outcome<FixedCosts> | undefined,
  growthMb: number | undefined,
): string {
  const fixed = costsIfMeasured(fixedOutcome);
  const growth = `growth ${f(growthMb)} MB per 10,000 passages`;
  const s = sizes.find((x) => x.corpus.name === "100k");
  if (!s || failed(s.load)) return `not measured at 100k; ${growth}`;
  const before = fixed
    ? `, of which ${int(fixed.rssAfterJiebaMb)} MB is a process with jieba and no index`
    : "";
  return `${int(s.load.rssMb)} MB${before}; ${growth} (see What the memory is)`;
}
