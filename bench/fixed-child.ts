/**
 * Child process: what every citebot process pays before it holds a single passage, measured once per run.
 *   node --import tsx bench/fixed-child.ts
 * The start-up and memory targets can only be judged against these: jieba's dictionaries cost the same time
 * and native memory whatever the corpus size, in every process that segments text. The core is imported only
 * after the bare process is measured: imported statically, it would count in the baseline (hence also no
 * src/config.ts, which brings zod).
 */
import path from "node:path";
import { report } from "./child.ts";
import { liveHeapMb, rssMb } from "./stats.ts";

/** What this child reports. */
export interface FixedCosts {
  /** Resident memory of the process before the core is imported (Node, tsx, the bench's helpers). */
  bareRssMb: number;
  /** Importing the core's modules (qa.ts and all it imports, nodejieba's JavaScript side included). */
  importMs: number;
  rssAfterImportMb: number;
  /** `createAnalyzer(loadLexicon(config))`: reading the lexicon (CC-CEDICT's from the cache) and loading jieba's dictionaries. */
  jiebaMs: number;
  rssAfterJiebaMb: number;
  /** Live heap after a full GC with the core imported and the analyzer made: what no index size is net of. */
  heapAfterJiebaMb: number;
}

const bareRssMb = rssMb();
let start = performance.now();
// qa.ts too: the load step's process imports the whole core, whose code is in its live heap.
const [{ createAnalyzer }, { loadLexicon }, { shippedCedict }, { createLogger }] = await Promise.all([
  import("../src/core/question/analyse.ts"),
  import("../src/core/language/lexicon.ts"),
  import("../src/core/language/cedict-cache.ts"),
  import("../src/logger.ts"),
  import("../src/core/qa.ts"),
]);
const importMs = performance.now() - start;
const rssAfterImportMb = rssMb();
start = performance.now();
// As createQa does: the CC-CEDICT lexicon derived into the cache directory (by the first run), read back after.
const cedict = shippedCedict({
  dir: process.env.CACHE_DIR ?? path.join(import.meta.dirname, "../.cache"),
  logger: createLogger({ level: "warn", secrets: [] }),
});
const analyzer = createAnalyzer(loadLexicon(path.join(import.meta.dirname, "../config"), cedict));
const jiebaMs = performance.now() - start;
const result: FixedCosts = {
  bareRssMb,
  importMs,
  rssAfterImportMb,
  jiebaMs,
  rssAfterJiebaMb: rssMb(),
  heapAfterJiebaMb: liveHeapMb(),
};
// Used after the heap was measured, so that the analyzer and its lexicon were live for it.
if (analyzer.document("北京").words.length === 0) throw new Error("jieba did not load its dictionaries");
report(result);
