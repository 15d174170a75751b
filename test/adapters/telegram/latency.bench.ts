/**
 * Latency of a private-chat question through the real grammY bot and the real Qa over `seeds/`: from the
 * moment the stand-in hands the update to the bot (getUpdates) to the moment the bot's sendMessage arrives.
 *
 *   npx tsx test/adapters/telegram/latency.bench.ts [questions=50]
 *
 * Each question comes from a different user, as in real use; the flood-limit throttler deliberately spaces
 * messages to one chat a second apart, so a last run asks five questions in one chat to show that cost.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { PROJECT_ROOT } from "../../../src/config.ts";
import { createQa } from "../../../src/core/qa.ts";
import { startHarness } from "./harness.ts";
import { privateChat, textMessage, user } from "./updates.ts";

const QUESTIONS = [
  "耶伦哪天访华？",
  "习近平和特朗普在釜山谈了多久？",
  "拜登对TikTok说了什么？",
  "特朗普什么时候访华？",
  "川普和习近平什么时候通电话？",
  "What did Biden say about Taiwan?",
  "今天天气怎么样？",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return `${label}: n=${s.length} median=${f(percentile(s, 0.5))} ms p90=${f(percentile(s, 0.9))} ms min=${f(s[0] ?? 0)} ms max=${f(s.at(-1) ?? 0)} ms`;
}

const count = Number(process.argv[2] ?? 50);
const cacheDir = await mkdtemp(path.join(tmpdir(), "citebot-bench-"));
const qa = await createQa({
  corpusDir: path.join(PROJECT_ROOT, "seeds"),
  cacheDir,
  configDir: path.join(PROJECT_ROOT, "config"),
  logger: pino({ level: "silent" }),
});
const h = await startHarness({ qa, rateLimitPerMinute: 1000 });

async function measure(chatId: number, userId: number, text: string): Promise<number> {
  const sent = textMessage(privateChat(chatId), user(userId), text);
  h.standIn.push({ message: sent } as never);
  const reply = await h.replyTo(sent);
  const update = [...h.standIn.servedAt.keys()].at(-1) ?? 0;
  return reply.at - (h.standIn.servedAt.get(update) ?? Number.NaN);
}

const distinct: number[] = [];
for (let i = 0; i < count; i++)
  distinct.push(await measure(10_000 + i, 10_000 + i, QUESTIONS[i % QUESTIONS.length] ?? ""));
const sameChat: number[] = [];
for (let i = 0; i < 5; i++)
  sameChat.push(await measure(20_000, 20_000, QUESTIONS[i % QUESTIONS.length] ?? ""));

console.log(summary("private question, one per user", distinct));
console.log(
  `slowest: question #${distinct.indexOf(Math.max(...distinct)) + 1} (the global throttle allows 30 messages/s)`,
);
console.log(summary("private questions in one chat, back to back (throttled to 1/s)", sameChat));
await h.close();
await qa.close();
await rm(cacheDir, { recursive: true, force: true });
