/**
 * Child process: both bots over the real Qa on the seed articles (the product's own corpus), asked the
 * dev.jsonl questions (or a fixed list when ../shared is absent).
 *   node --import tsx bench/bots-child.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { PROJECT_ROOT } from "../src/config.ts";
import { createQa } from "../src/core/qa.ts";
import { report } from "./child.ts";
import { benchDiscord } from "./discord.ts";
import { botQuestions } from "./questions.ts";
import { benchTelegram } from "./telegram.ts";

const texts = botQuestions();

const cacheDir = await mkdtemp(path.join(tmpdir(), "citebot-bench-bots-"));
const qa = await createQa({
  corpusDir: path.join(PROJECT_ROOT, "seeds"),
  cacheDir,
  configDir: path.join(PROJECT_ROOT, "config"),
  logger: pino({ level: "silent" }),
});
try {
  const telegram = await benchTelegram(qa, texts);
  const discord = await benchDiscord(qa, texts, 200);
  report({ telegram, discord });
} finally {
  await qa.close();
  await rm(cacheDir, { recursive: true, force: true });
}
