/**
 * The cost of the question log (issue 33): the same questions answered through the console's wrapper with the
 * log written to SQLite and with QUESTION_LOG=off, alternating one by one in one process over one index, so that
 * the machine's load falls on both alike. An answer's time is the wrapper's `ask` (what a bot waits for); the
 * rows are written after it, as in the bot.
 */
import path from "node:path";
import { createQa } from "../src/core/qa.ts";
import { createPinBook } from "../src/ops/console/pin-book.ts";
import { rememberingQa } from "../src/ops/console/remembering-qa.ts";
import { openConsoleStore } from "../src/store/open-store.ts";
import { PIN_SIMILARITY } from "../src/store/question-key.ts";
import { CONFIG_DIR, memoryLogger, SEEDS_DIR, temporaryDirectory } from "../test/support/seed-qa.ts";
import { report } from "./child.ts";
import { botQuestions } from "./questions.ts";
import { latency } from "./stats.ts";

/** Each question is asked this many times per mode. */
const ROUNDS = 10;

const cache = await temporaryDirectory();
const { logger } = memoryLogger();
const qa = await createQa({ corpusDir: SEEDS_DIR, cacheDir: cache.dir, configDir: CONFIG_DIR, logger });
const store = await openConsoleStore({
  cacheDir: cache.dir,
  feedbackFile: path.join(cache.dir, "f.jsonl"),
  logger,
});
const pins = createPinBook({ store, qa, threshold: PIN_SIMILARITY, logger });
const wrap = (logQuestions: boolean) =>
  rememberingQa(qa, { store, platform: "bench", logQuestions, pins, salt: "s" });
const modes = { on: wrap(true), off: wrap(false) };
const times: Record<keyof typeof modes, number[]> = { on: [], off: [] };
const questions = botQuestions();
for (const question of questions) await qa.ask(question); // warm: the first answers load dictionaries
for (let round = 0; round < ROUNDS; round++)
  for (const [i, question] of questions.entries()) {
    // Alternating which goes first cancels any advantage of asking second (a warm cache).
    const order = (round + i) % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const);
    for (const mode of order) {
      const started = performance.now();
      await modes[mode].ask(question, { limit: 3 });
      times[mode].push(performance.now() - started);
      await new Promise((resolve) => setImmediate(resolve)); // the row is written here, as between updates
    }
  }
await store.flush();
const rows = (await store.questions({ limit: 100_000 })).length;
report({ questions: questions.length * ROUNDS, rows, on: latency(times.on), off: latency(times.off) });
await store.close();
await qa.close();
await cache.remove();
