/**
 * `npm start` with DISCORD_SHARDS=2 and the semantic layer on: each shard process has a layer of its own, and
 * the parent's health port speaks for them. When the model endpoint goes away, the shard that meets it while
 * answering is degraded and the other still healthy, each reported apart by /healthz and /metrics.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GUILD_ID, inGuild, OTHER_GUILD_ID, slashCommand } from "../adapters/discord/fixtures.ts";
import { editOf } from "../adapters/discord/harness.ts";
import { shardOfGuild, startStandIn } from "../adapters/discord/stand-in.ts";
import { freePort } from "../support/free-port.ts";
import { startModelStandIn } from "../support/model-standin.ts";
import { cacheDirectory } from "../support/seed-qa.ts";
import { startShardedBot } from "../support/sharded-bot.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Health {
  semantic?: {
    healthy: boolean;
    shards: Array<{ shard: number; state: string; embeddings?: { healthy: boolean }; fallbacks?: number }>;
  };
}

describe("npm start with DISCORD_SHARDS and the semantic layer", () => {
  it("reports each shard's semantic layer in the parent's /healthz and /metrics: healthy, then one degraded", async () => {
    const guilds = [GUILD_ID, OTHER_GUILD_ID];
    const discord = await startStandIn({ shards: 2, maxConcurrency: 2, guilds });
    const model = await startModelStandIn();
    const cache = await cacheDirectory();
    const port = await freePort();
    cleanups.push(
      () => discord.close(),
      () => model.stop(),
      () => cache.remove(),
    );
    const bot = await startShardedBot(
      discord.apiRoot,
      {
        DISCORD_SHARDS: "2",
        EMBEDDINGS_URL: model.url,
        EMBEDDINGS_MODEL: "ngram",
        RERANK_URL: "",
        HEALTH_PORT: String(port),
        CACHE_DIR: cache.dir,
      },
      cleanups,
    );
    const health = async () => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
    const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

    expect((await health()).semantic).toMatchObject({
      healthy: true,
      shards: [
        { shard: 0, state: "healthy", embeddings: { healthy: true } },
        { shard: 1, state: "healthy", embeddings: { healthy: true } },
      ],
    });
    for (const shard of ["0", "1"])
      expect(await metrics()).toContain(`citebot_semantic_up{part="embeddings",shard="${shard}"} 1`);

    // The endpoint goes away; a question to GUILD_ID's shard meets it (answered with words alone), the other
    // shard has not asked it anything since.
    await model.stop();
    const asked = shardOfGuild(GUILD_ID, 2);
    const other = 1 - asked;
    const interaction = inGuild(slashCommand("ask", { question: "耶伦哪天访华？" }), GUILD_ID);
    discord.dispatch("INTERACTION_CREATE", interaction);
    expect((await discord.waitFor(editOf(interaction.token))).body.embeds[0].description).toContain("耶伦");
    const degraded = await health();
    expect(degraded.semantic?.healthy).toBe(false);
    expect(degraded.semantic?.shards.find((s) => s.shard === asked)).toMatchObject({
      state: "degraded",
      embeddings: { healthy: false },
      fallbacks: 1,
    });
    expect(degraded.semantic?.shards.find((s) => s.shard === other)).toMatchObject({ state: "healthy" });
    const text = await metrics();
    expect(text).toContain(`citebot_semantic_up{part="embeddings",shard="${asked}"} 0`);
    expect(text).toContain(`citebot_semantic_up{part="embeddings",shard="${other}"} 1`);
    expect(text).toContain(`citebot_semantic_fallbacks_total{shard="${asked}"} 1`);
    expect((await bot.stop("SIGTERM")).code).toBe(0);
  }, 90_000);
});
