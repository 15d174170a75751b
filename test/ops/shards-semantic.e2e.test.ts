/**
 * `npm start` with DISCORD_SHARDS=2 and the semantic layer on: each shard process has a layer of its own, and
 * the parent's health port speaks for them. When the model endpoint goes away, the shard that meets it while
 * answering is degraded and the other still healthy, each reported apart by /healthz and /metrics. A shard that
 * does not answer at all (its process frozen) is "unknown", and the report unhealthy.
 */
import { readFile } from "node:fs/promises";
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

/** `npm start` with two shards, the semantic layer on (the model stand-in at `model.url`); resolves once both connect. */
async function startShards() {
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
  return { bot, port, discord, model };
}

/** The process id of shard `id` among the children of the shards' parent `pid`, from Linux's /proc. */
async function shardProcess(pid: number, id: number): Promise<number> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8")).trim().split(/\s+/);
  for (const child of children) {
    // discord.js hands each shard its id in its environment.
    const environment = (await readFile(`/proc/${child}/environ`, "utf8")).split("\0");
    if (environment.includes(`SHARDS=${id}`)) return Number(child);
  }
  throw new Error(`no process of shard ${id} among ${children.join(", ")}`);
}

/** Lets a process stopped by SIGSTOP run again, if it still exists. */
function wake(pid: number): void {
  try {
    process.kill(pid, "SIGCONT");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

describe("npm start with DISCORD_SHARDS and the semantic layer", () => {
  it("reports each shard's semantic layer in the parent's /healthz and /metrics: healthy, then one degraded", async () => {
    const { bot, port, discord, model } = await startShards();
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

  it("reports a shard that does not answer as unknown, and the layer as unhealthy, within the port's deadline", async () => {
    const { bot, port } = await startShards();
    // Shard 1: shard 0 also answers for the index's size, without which /healthz is 503 whatever the layer.
    const frozen = await shardProcess(bot.child.pid as number, 1);
    process.kill(frozen, "SIGSTOP");
    cleanups.push(async () => wake(frozen)); // should the test fail before it does

    const asked = performance.now();
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
    expect(performance.now() - asked).toBeLessThan(1_000);
    expect(health.semantic?.healthy).toBe(false);
    expect(health.semantic?.shards).toMatchObject([
      { shard: 0, state: "healthy" },
      { shard: 1, state: "unknown" },
    ]);

    wake(frozen);
    expect((await bot.stop("SIGTERM")).code).toBe(0);
  }, 90_000);
});
