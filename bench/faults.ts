/**
 * `npx tsx bench/faults.ts`: what one huge article does to a running bot (issue 13). Copies the seeds to a
 * temporary directory, starts the core watching it, drops a generated article of `--mb` megabytes in, and keeps
 * asking a question every 100 ms until the article is indexed (or skipped): each question's latency counts from
 * when it was due, so time the event loop was blocked counts too. Then deletes the article and reports the saved
 * index's size, and how long a restart over that saved index takes.
 *
 *   npx tsx --max-semi-space-size=64 bench/faults.ts [--mb 20] [--max-article-mb 2] [--wait 240]
 */
import { cp, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../src/config.ts";
import { createQa, type QaOptions } from "../src/core/qa.ts";
import type { Qa } from "../src/core/types.ts";
import { createLogger } from "../src/logger.ts";
import { bigArticle } from "../test/support/big-article.ts";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "20" },
    "max-article-mb": { type: "string" },
    wait: { type: "string", default: "240" },
  },
});
const BIG = "999_big.md";
const QUESTION = "耶伦哪天访华？";

const root = await mkdtemp(path.join(tmpdir(), "citebot-faults-"));
const corpusDir = path.join(root, "seeds");
const cacheDir = path.join(root, "cache");
await cp(path.join(PROJECT_ROOT, "seeds"), corpusDir, { recursive: true });
let updates = 0; // "index updated" lines: a re-index is over and its save begun
const logger = createLogger({
  level: "info",
  secrets: [],
  stream: {
    write(line) {
      const { level, msg } = JSON.parse(line) as { level: number; msg: string };
      if (msg.endsWith("index updated")) updates++;
      if (level >= 40) process.stderr.write(line);
    },
  },
});
const maxArticleMb = values["max-article-mb"];
const options = {
  corpusDir,
  cacheDir,
  configDir: path.join(PROJECT_ROOT, "config"),
  logger,
  watch: true,
  ...(maxArticleMb ? { maxArticleBytes: Number(maxArticleMb) * 2 ** 20 } : {}),
} as QaOptions;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let started = performance.now();
let qa: Qa = await createQa(options);
console.log(`start-up, fresh build: ${seconds(performance.now() - started)}`);
console.log(`saved index, fresh: ${mb(await cacheSize())}`);

const updatesAtDrop = updates;
await writeFile(path.join(corpusDir, BIG), await bigArticle(Number(values.mb) * 2 ** 20));
const dropped = performance.now();
const { latencies, maxRss, indexed } = await askWhile(async () =>
  (await qa.articles()).some((a) => a.file === BIG),
);
latencies.sort((a, b) => a - b);
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  `${values.mb} MB article ${indexed ? `indexed after ${seconds(performance.now() - dropped)}` : "not indexed"}; ` +
    `${latencies.length} questions meanwhile: p50 ${pick(0.5).toFixed(1)} ms, p99 ${pick(0.99).toFixed(1)} ms, ` +
    `max ${(latencies.at(-1) ?? 0).toFixed(1)} ms; peak RSS ${mb(maxRss)}`,
);

// A pass logs "index updated" after its save. The pass that added the article may still be saving it: wait for
// its line, so that the next one counted is the removal's.
if (indexed) await askWhile(() => updates > updatesAtDrop);
const before = updates;
await rm(path.join(corpusDir, BIG));
await askWhile(() => updates > before || !indexed);
console.log(`saved index after deleting it: ${mb(await cacheSize())}; RSS ${mb(process.memoryUsage().rss)}`);
await qa.close();

started = performance.now();
qa = await createQa(options);
console.log(`start-up over that saved index: ${seconds(performance.now() - started)}`);
await qa.close();
await rm(root, { recursive: true, force: true });

/** Asks a question every 100 ms until `done()` (or `--wait` seconds); latency counts from when it was due. */
async function askWhile(done: () => boolean | Promise<boolean>) {
  const latencies: number[] = [];
  let maxRss = 0;
  const until = performance.now() + Number(values.wait) * 1000;
  let due = performance.now();
  while (!(await done()) && performance.now() < until) {
    due += 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    await qa.ask(QUESTION);
    latencies.push(performance.now() - due);
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }
  return { latencies, maxRss, indexed: await done() };
}

async function cacheSize(): Promise<number> {
  const files = await readdir(cacheDir).catch(() => []);
  const sizes = await Promise.all(
    files.filter((f) => f.startsWith("index-")).map((f) => stat(path.join(cacheDir, f))),
  );
  return sizes.reduce((sum, s) => sum + s.size, 0);
}
