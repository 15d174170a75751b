/**
 * Discord latency: the real discord.js bot and the real Qa against the gateway + REST stand-in from
 * test/adapters/discord, as its latency.bench.ts does, with more interactions and p99 added. Times run from the
 * stand-in sending INTERACTION_CREATE to the bot's deferred callback (type 5) and to the edit with the answer.
 */
import type { Qa } from "../src/core/types.ts";
import { slashCommand } from "../test/adapters/discord/fixtures.ts";
import { callbackOf, editOf, startHarness } from "../test/adapters/discord/harness.ts";
import { type Latency, latency } from "./stats.ts";

/** What the Discord run measured. */
export interface DiscordRun {
  interactions: number;
  /** INTERACTION_CREATE → deferred callback (type 5). */
  ack: Latency;
  /** INTERACTION_CREATE → PATCH @original with the answer. */
  answer: Latency;
  /** Acknowledgements that were not of type 5, or that did not arrive. */
  errors: number;
}

const WARM_UP = 5;

/** Sends `count` /ask interactions one after another and times each acknowledgement and answer. */
export async function benchDiscord(qa: Qa, texts: string[], count: number): Promise<DiscordRun> {
  const harness = await startHarness(qa);
  const acks: number[] = [];
  const answers: number[] = [];
  let errors = 0;
  try {
    for (let i = 0; i < WARM_UP + count; i++) {
      const interaction = slashCommand("ask", { question: texts[i % texts.length] ?? "?" });
      const since = harness.standIn.mark();
      const sent = harness.standIn.dispatch("INTERACTION_CREATE", interaction);
      try {
        const ack = await harness.standIn.waitFor(callbackOf(interaction.id), since);
        const edit = await harness.standIn.waitFor(editOf(interaction.token), since);
        if (i < WARM_UP) continue;
        if (ack.body?.type !== 5) errors++;
        acks.push(ack.at - sent);
        answers.push(edit.at - sent);
      } catch {
        errors++;
      }
    }
  } finally {
    await harness.close();
  }
  return { interactions: count, ack: latency(acks), answer: latency(answers), errors };
}
