/**
 * How fast the Discord adapter acknowledges and answers, measured against the stand-in on 127.0.0.1 with the
 * real core over seeds/. Run with `npx tsx test/adapters/discord/latency.bench.ts [interactions]`.
 * Times run from the stand-in sending INTERACTION_CREATE to the bot's request arriving back: (a) the deferred
 * callback, (b) the edit that carries the answer. Targets from issue 5: (a) < 50 ms, (b) < 200 ms. Then the
 * `source` autocomplete (Discord drops one answered after 3 s), `/compare` and `/timeline` answers (issue 15).
 */
import { setTimeout } from "node:timers/promises";
import { seedQa } from "../../support/seed-qa.ts";
import { autocomplete, slashCommand } from "./fixtures.ts";
import { callbackOf, editOf, type Harness, instrument, startHarness } from "./harness.ts";

const QUESTIONS = [
  "耶伦哪天访华？",
  "习近平和特朗普在釜山谈了多久？",
  "拜登和习近平通话谈了什么？",
  "火星上有水吗？",
];
const WARM_UP = 5;
/**
 * Pause between interactions. Back to back, the bot would edit ~200 answers a second, and discord.js's REST
 * client holds webhook edits to Discord's 50 requests a second (one edit then waits ~0.7 s): a real limit, but
 * not the latency a user sees. 30 ms apart is ~30 questions a second, still far busier than a real guild.
 */
const GAP_MS = 30;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function row(name: string, samples: number[], target: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const cells = [0.5, 0.9, 1].map((p) => percentile(sorted, p).toFixed(1));
  const verdict = `${percentile(sorted, 0.5) < target ? "meets" : "MISSES"} < ${target} ms`;
  return `| ${name} | ${cells.join(" | ")} | ${verdict} |`;
}

/** Times from dispatching each interaction `make` builds to the bot's callback and, when `edited`, its edit. */
async function measure(
  harness: Harness,
  count: number,
  make: (i: number) => { id: string; token: string },
  edited: boolean,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + count; i++) {
    const interaction = make(i);
    const since = harness.standIn.mark();
    const sent = harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const done = edited
      ? await harness.standIn.waitFor(editOf(interaction.token), since)
      : await harness.standIn.waitFor(callbackOf(interaction.id), since);
    await setTimeout(GAP_MS);
    if (i >= WARM_UP) samples.push(done.at - sent);
  }
  return samples;
}

async function main(count: number): Promise<void> {
  const seeds = await seedQa();
  const harness = await startHarness(instrument(seeds.qa));
  const acks: number[] = [];
  const answers: number[] = [];
  for (let i = 0; i < WARM_UP + count; i++) {
    const interaction = slashCommand("ask", { question: QUESTIONS[i % QUESTIONS.length] ?? "" });
    const since = harness.standIn.mark();
    const sent = harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const ack = await harness.standIn.waitFor(callbackOf(interaction.id), since);
    const edit = await harness.standIn.waitFor(editOf(interaction.token), since);
    await setTimeout(GAP_MS);
    if (i < WARM_UP) continue;
    acks.push(ack.at - sent);
    answers.push(edit.at - sent);
  }
  const typed = ["", "b", "新", "大紀", "rfi"];
  const suggest = (i: number) =>
    autocomplete("ask", { question: "", source: typed[i % typed.length] ?? "" }, "source");
  const suggestions = await measure(harness, count, suggest, false);
  const compare = (i: number) => slashCommand("compare", { question: QUESTIONS[i % QUESTIONS.length] ?? "" });
  const compared = await measure(harness, count, compare, true);
  const timeline = (i: number) => slashCommand("timeline", i % 2 ? { topic: "特朗普" } : {});
  const timelines = await measure(harness, count, timeline, true);
  await harness.close();
  await seeds.close();
  console.log(
    `Discord adapter latency, ${count} /ask interactions against the stand-in (ms, Node ${process.version})\n`,
  );
  console.log("| from INTERACTION_CREATE to | median | p90 | max | target |");
  console.log("|---|---|---|---|---|");
  console.log(row("deferred callback (type 5)", acks, 50));
  console.log(row("edited answer (PATCH @original)", answers, 200));
  console.log(row("source autocomplete (type 8)", suggestions, 3000));
  console.log(row("/compare answer (PATCH @original)", compared, 200));
  console.log(row("/timeline page (PATCH @original)", timelines, 200));
}

await main(Number(process.argv[2] ?? 50));
