/**
 * `npm run bench:semantic`: what the opt-in semantic layer costs a question (issue 34). The n-gram stand-in
 * (test/support/model-standin.ts) runs in a process of its own, answering each request `--delay` ms after it
 * arrives, its own scoring included (default 5, as a nearby model server might); the same questions go to four `Qa`s over one corpus in turn
 * (words alone, + embeddings, + rerank, + both), so that the machine's load falls on all alike. Then the brute
 * force search over the kept vectors at `--scale` passages (default 100,000) of `--dimensions` (1,024, bge-m3's):
 * memory the held vectors keep alive (and the floats' own share of it) and time per question.
 *
 *   npm run bench:semantic -- [--questions 200] [--delay 5] [--scale 100000] [--dimensions 1024]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readQuestions } from "../src/cli/scoring.ts";
import { PROJECT_ROOT } from "../src/config.ts";
import type { SearchIndex } from "../src/core/index/port.ts";
import { createQa, type LoadedQa } from "../src/core/qa.ts";
import { PassageVectors } from "../src/core/semantic/passage-vectors.ts";
import { createLogger } from "../src/logger.ts";
import { freePort } from "../test/support/free-port.ts";

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "200" },
    delay: { type: "string", default: "5" },
    scale: { type: "string", default: "100000" },
    dimensions: { type: "string", default: "1024" },
  },
});

const EVAL = path.join(PROJECT_ROOT, "..", "shared", "eval", "xquad-dev");
const shared = existsSync(path.join(EVAL, "questions-zh.jsonl"));
const corpusDir = shared ? path.join(EVAL, "corpus") : path.join(PROJECT_ROOT, "seeds");
const questions = shared
  ? readQuestions(path.join(EVAL, "questions-zh.jsonl")).map((q) => q.q)
  : readQuestions(path.join(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl")).map((q) => q.q);

/** Starts the stand-in as a child process; resolves with its API base once it listens. */
async function standIn(port: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/support/model-standin.ts",
      "--port",
      `${port}`,
      "--delay",
      values.delay,
      "--idf",
      corpusDir,
    ],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("stand-in at") && resolve());
    child.on("exit", (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/v1`, stop: () => child.kill() };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function latency(): Promise<void> {
  const stand = await standIn(await freePort());
  const cacheDir = await mkdtemp(path.join(tmpdir(), "citebot-bench-semantic-"));
  const logger = createLogger({ level: "warn" });
  const base = { corpusDir, cacheDir, configDir: path.join(PROJECT_ROOT, "config"), logger };
  const embeddings = { url: stand.url, model: "ngram" };
  const rerank = { url: stand.url, model: "ngram" };
  const setups: Array<[string, Parameters<typeof createQa>[0]["semantic"]]> = [
    ["words alone", undefined],
    ["+ embeddings", { embeddings }],
    ["+ rerank", { rerank }],
    ["+ embeddings + rerank", { embeddings, rerank }],
  ];
  const qas: LoadedQa[] = [];
  for (const [, semantic] of setups) qas.push(await createQa({ ...base, semantic }));
  const n = Number(values.questions);
  const warm = questions.slice(n, n + 20);
  for (const q of warm) for (const qa of qas) await qa.ask(q);
  const times: number[][] = qas.map(() => []);
  for (const [i, q] of questions.slice(0, n).entries()) {
    // Each question to every Qa, starting with a different one each time.
    for (let k = 0; k < qas.length; k++) {
      const j = (i + k) % qas.length;
      const started = performance.now();
      await qas[j]?.ask(q);
      times[j]?.push(performance.now() - started);
    }
  }
  const fallbacks = qas.map((qa) => qa.semantic()?.fallbacks ?? 0);
  for (const qa of qas) await qa.close();
  stand.stop();
  await rm(cacheDir, { recursive: true, force: true });

  console.log(
    `\nQuestion latency, ${n} questions of ${shared ? "xquad-dev zh" : "dev"} over ${path.basename(path.dirname(corpusDir))}, stand-in answering in ${values.delay} ms:\n`,
  );
  console.log("| setting | p50 ms | p95 ms | p50 − words alone | fell back |");
  console.log("|---|--:|--:|--:|--:|");
  const p50s = times.map((t) =>
    percentile(
      [...t].sort((a, b) => a - b),
      0.5,
    ),
  );
  setups.forEach(([label], i) => {
    const sorted = [...(times[i] ?? [])].sort((a, b) => a - b);
    const delta = (p50s[i] ?? 0) - (p50s[0] ?? 0);
    console.log(
      `| ${label} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} | ${i === 0 ? "" : `${delta >= 0 ? "+" : ""}${delta.toFixed(1)}`} | ${fallbacks[i]} |`,
    );
  });
}

/** Memory in use once garbage is collected (array buffers are freed a turn after the collection finds them). */
async function collected(): Promise<NodeJS.MemoryUsage> {
  const gc = global.gc;
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:semantic does)");
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

/** The brute force search at scale: vectors of `scale` synthetic passages, held as the layer holds them. */
async function scale(): Promise<void> {
  const passages = Number(values.scale);
  const dims = Number(values.dimensions);
  const random = (seed: number) => {
    const v = new Float32Array(dims);
    let x = seed * 2654435761;
    for (let i = 0; i < dims; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      v[i] = x / 2 ** 32 - 0.5;
    }
    const norm = Math.hypot(...v);
    return v.map((y) => y / norm);
  };
  const listing = Array.from({ length: passages }, (_, id) => ({
    id,
    passage: { file: `f${id % 1000}`, text: `passage ${id}`, at: [0, 0, 1] as [number, number, number] },
  }));
  const index = {
    passages: async () => ({ version: "1", passages: listing }),
    articles: async () => [],
  } as unknown as SearchIndex;
  const store = {
    load: async (keys: readonly string[]) => new Map(keys.map((key, i) => [key, random(i + 1)])),
    save: async () => {},
    retain: async () => 0,
    dimensions: async () => dims,
    close: async () => {},
  };
  const client = { model: "synthetic", embed: async () => [] };
  // Collected before and after, so that the difference is what the held vectors keep alive (the latency run's
  // garbage, collected in between, had made it negative); the passages' listing is the index's, held before.
  const before = await collected();
  const vectors = new PassageVectors(index, client, store, {});
  await vectors.refresh();
  const after = await collected();
  const held = after.arrayBuffers + after.heapUsed - before.arrayBuffers - before.heapUsed;
  const floats = passages * dims * 4;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const q = random(passages + i);
    const started = performance.now();
    vectors.nearest(q, 5, undefined, new Set());
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`\nBrute force over ${passages.toLocaleString("en")} passages of ${dims} dimensions:\n`);
  console.log("| memory held | of which the floats | nearest 5, p50 | p95 |");
  console.log("|--:|--:|--:|--:|");
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `| ${mib(held)} | ${mib(floats)} | ${percentile(times, 0.5).toFixed(1)} ms | ${percentile(times, 0.95).toFixed(1)} ms |`,
  );
}

await latency();
if (Number(values.scale) > 0) await scale();
