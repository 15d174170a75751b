/**
 * `npm run bench:ingest`: a feed of 300 new items ingested while questions keep coming (issue 35). Prints the
 * answer latency idle and during the ingest (p50/p95/p99, ms), how long the 300 took to be added and indexed,
 * and checks that nothing was added twice (a second poll adds none).
 *
 *   npm run bench:ingest -- [--items 300] [--idle-seconds 8] [--gap-ms 20]
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { listArticleFiles } from "../src/core/corpus/read-corpus.ts";
import { createQa } from "../src/core/qa.ts";
import { createFeedPoller } from "../src/ingest/feed-poller.ts";
import { openIngest } from "../src/ingest/setup.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";
import { newsConfig } from "../test/support/news-config.ts";
import { startNewsServer } from "../test/support/news-server.ts";
import { CONFIG_DIR, SEEDS_DIR } from "../test/support/seed-qa.ts";
import { readQuestions } from "./questions.ts";
import { f, latency } from "./stats.ts";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "300" },
    "idle-seconds": { type: "string", default: "8" },
    "gap-ms": { type: "string", default: "20" },
  },
});
const items = Number(values.items);
const gapMs = Number(values["gap-ms"]);
const root = await mkdtemp(path.join(tmpdir(), "citebot-bench-ingest-"));
const corpusDir = path.join(root, "corpus");
await cp(SEEDS_DIR, corpusDir, { recursive: true });
const logger = pino({ level: "silent" });
const qa = await createQa({
  corpusDir,
  cacheDir: path.join(root, "cache"),
  configDir: CONFIG_DIR,
  logger,
  watch: true,
});
const questions = readQuestions(path.join(import.meta.dirname, "../../shared/eval/dev.jsonl")).map(
  (q) => q.q,
);
const site = await startNewsServer();
site.setManyItems(items);
const store = openSqliteStore(path.join(root, "console.sqlite"), logger);
const config = newsConfig(corpusDir);
const { ingest, fetcher } = openIngest(config, logger);
const feed = { url: `${site.url}/feed-many.xml`, pollMinutes: 15, firstItems: items };
const poller = createFeedPoller({ feeds: [], fetcher, ingest, state: store.subscriptions, logger });

/** Asks questions one after another, `gapMs` apart, until `until` says stop; returns each answer's time. */
async function askUntil(until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; !until(); i++) {
    const start = performance.now();
    await qa.ask(questions[i % questions.length] ?? "习近平");
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return times;
}

// Warm-up: every question once (the first answers load dictionaries and compile), then the idle baseline.
for (const question of questions) await qa.ask(question);
const idleEnd = Date.now() + Number(values["idle-seconds"]) * 1000;
const idle = latency(await askUntil(() => Date.now() > idleEnd));
const started = performance.now();
let addedMs = Number.NaN;
let indexedMs = Number.NaN;
const seeds = (await qa.stats()).articles;
const polling = poller.poll(feed).then((report) => {
  addedMs = performance.now() - started;
  return report;
});
const watchIndex = (async () => {
  while ((await qa.stats()).articles < seeds + items) await new Promise((resolve) => setTimeout(resolve, 50));
  indexedMs = performance.now() - started;
})();
const during = latency(await askUntil(() => !Number.isNaN(indexedMs)));
const report = await polling;
await watchIndex;
const again = await poller.poll({ ...feed });
const files = await listArticleFiles(corpusDir);
console.log(
  JSON.stringify(
    { items, idle, during, addedMs, indexedMs, report, secondPoll: again, files: files.length },
    null,
    1,
  ),
);
console.log(
  `| ${items} items | idle p50/p95/p99 ${f(idle.p50)}/${f(idle.p95)}/${f(idle.p99)} ms (n=${idle.n}) | during p50/p95/p99 ${f(during.p50)}/${f(during.p95)}/${f(during.p99)} ms (n=${during.n}) | p99 ratio ${f(during.p99 / idle.p99, 2)} | added in ${f(addedMs / 1000)} s, indexed in ${f(indexedMs / 1000)} s | files ${files.length} (${new Set(files).size} distinct), second poll added ${again.added} |`,
);
await fetcher.close();
await store.close();
await qa.close();
await site.close();
await rm(root, { recursive: true, force: true });
