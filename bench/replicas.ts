/**
 * The bots as replicas (issue 16), the way the README's "Replicas" section runs them: real `npm start` processes
 * (src/main.ts) against the local stand-ins, with per-user limits in the shared Redis and the seeds as the corpus.
 *
 * - Telegram: N webhook processes with one public URL and one secret, behind a round-robin proxy (bench/
 *   round-robin.ts). A burst of questions, one per distinct user, is posted to the proxy all at once; each answer
 *   is timed from its POST to the bot's sendMessage reaching the Bot API stand-in.
 * - Discord: one unsharded process, or `DISCORD_SHARDS=N` (the ShardingManager parent and N shard processes),
 *   against the gateway stand-in with two guilds that fall on different shards of two. The burst's interactions,
 *   from distinct users and alternately from each guild, are dispatched back to back; each answer is timed from
 *   INTERACTION_CREATE to the PATCH @original with it.
 *
 * Distinct users keep the per-user limits (TELEGRAM_RATE_LIMIT, DISCORD_RATE_LIMIT) and Telegram's 1 message/s per
 * chat from binding; what still applies is each Telegram replica's throttler (30 messages/s), as shipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../src/config.ts";
import { messages } from "../src/core/messages.ts";
import {
  APPLICATION_ID,
  GUILD_ID,
  inGuild,
  OTHER_GUILD_ID,
  slashCommand,
} from "../test/adapters/discord/fixtures.ts";
import { TOKEN as DISCORD_TOKEN, editOf } from "../test/adapters/discord/harness.ts";
import { startStandIn } from "../test/adapters/discord/stand-in.ts";
import { BotApiStandIn } from "../test/adapters/telegram/stand-in.ts";
import {
  BOT,
  privateChat,
  TOKEN as TELEGRAM_TOKEN,
  textMessage,
  user,
} from "../test/adapters/telegram/updates.ts";
import { freePort } from "../test/support/free-port.ts";
import { type MainProcess, startMain, until } from "../test/support/main-process.ts";
import { TEST_INDEX_URL, temporarySchema } from "../test/support/postgres.ts";
import { temporaryDirectory } from "../test/support/seed-qa.ts";
import { startRoundRobin } from "./round-robin.ts";
import { type Latency, latency } from "./stats.ts";
import { collectReplies } from "./telegram.ts";

/** The Redis the replicas share their per-user limits in (the tests' one). */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** What one burst against N replicas measured. */
export interface ReplicaRun {
  platform: "telegram" | "discord";
  index: Backend;
  replicas: number;
  /** How the replicas ran, for the report. */
  topology: string;
  questions: number;
  /** Questions that got their answer (not a rate-limit notice) within the timeout. */
  answered: number;
  /** Answers per second, from the first question sent to the last answer. */
  perSecond: number;
  latency: Latency;
  /** Resident memory of each process after the burst (parent first), MB. */
  rssMb: number[];
  /** Lines the processes logged at error level or above. */
  errors: number;
  /** Telegram: how many updates the proxy gave each replica. Discord: how many interactions each shard got. */
  perReplica: number[];
}

const WEBHOOK_SECRET = "one-secret_for-every-replica";
const PUBLIC_URL = "https://citebot.example/telegram/hook";
const WARM_UP_PER_REPLICA = 5;
const ANSWER_TIMEOUT_MS = 120_000;

/** Where the replicas' index lives: each process's own MiniSearch, or one PostgreSQL schema they all read. */
export type Backend = "minisearch" | "postgres";

/** The settings that point a process at the index of `backend`. */
interface Index {
  backend: Backend;
  env: NodeJS.ProcessEnv;
}

/**
 * Gives `body` the index to run the replicas on. PostgreSQL is laid out as the README's topology says: `npm run
 * index` fills a schema of its own (dropped after) once, and every process reads it with INDEX_SYNC=off.
 */
export async function withIndex<T>(backend: Backend, body: (index: Index) => Promise<T>): Promise<T> {
  if (backend === "minisearch") return body({ backend, env: {} });
  const { schema, drop } = temporarySchema();
  const env = { INDEX_URL: TEST_INDEX_URL, INDEX_SCHEMA: schema };
  try {
    const indexer = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index-corpus.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (indexer.status !== 0)
      throw new Error(`npm run index failed: ${indexer.stderr.trim().split("\n").at(-1)}`);
    return await body({ backend, env: { ...env, INDEX_SYNC: "off" } });
  } finally {
    await drop();
  }
}

/** VmRSS of a process, MB (what `top` shows). */
function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1000 : Number.NaN;
}

/**
 * The shard processes a ShardingManager parent forked: its children that discord.js gave a `SHARDS` variable
 * (tsx's esbuild service is a child too, and not a shard).
 */
function shardsOf(parent: number): number[] {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(parent)], { encoding: "utf8" });
  const children = out.split("\n").filter(Boolean).map(Number);
  return children.filter((pid) =>
    readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .some((entry) => entry.startsWith("SHARDS=")),
  );
}

const errorLines = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .filter((line) => ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50).length;

/** Starts processes with `envs`, runs `body`, and always stops them (and removes their cache directories). */
async function withMains<T>(
  envs: NodeJS.ProcessEnv[],
  body: (mains: MainProcess[]) => Promise<T>,
): Promise<T> {
  const caches = await Promise.all(envs.map(() => temporaryDirectory()));
  const mains = envs.map((env, i) => startMain({ CACHE_DIR: caches[i]?.dir, LOG_LEVEL: "info", ...env }));
  try {
    return await body(mains);
  } finally {
    await Promise.all(mains.map((main) => main.stop("SIGTERM")));
    await Promise.all(caches.map((cache) => cache.remove()));
  }
}

/** `count` questions from distinct users through a round robin over `replicas` Telegram webhook processes. */
export async function telegramReplicas(
  index: Index,
  replicas: number,
  texts: readonly string[],
  count: number,
): Promise<ReplicaRun> {
  const standIn = await BotApiStandIn.start(TELEGRAM_TOKEN, BOT);
  const ports = await Promise.all(Array.from({ length: replicas }, () => freePort()));
  const envs = ports.map((port) => ({
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: standIn.apiRoot,
    TELEGRAM_WEBHOOK_URL: PUBLIC_URL,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_WEBHOOK_PORT: String(port),
    TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
    REDIS_URL: BENCH_REDIS_URL,
    ...index.env,
  }));
  const proxy = await startRoundRobin(ports.map((port) => `http://127.0.0.1:${port}`));
  try {
    return await withMains(envs, async (mains) => {
      // setWebhook comes after the webhook server listens, which comes after the index is loaded.
      await until(
        "every replica to register its webhook",
        () => standIn.callsOf("setWebhook").length === replicas,
        120_000,
      );
      await until("every replica to share limits through Redis", () =>
        mains.every((m) => m.output().includes("per-user limits are shared through Redis")),
      );
      // A user no earlier run has counted in Redis, then one more per question.
      let nextUser = randomInt(1_000_000, 1_000_000_000);
      const post = (text: string) => {
        const id = nextUser++;
        const message = textMessage(privateChat(id), user(id), text);
        const sentAt = performance.now();
        const done = fetch(`${proxy.url}/telegram/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
          body: JSON.stringify({ update_id: id, message }),
        }).then((response) => response.status);
        return { message, sentAt, done };
      };
      const warmUp = texts.slice(0, WARM_UP_PER_REPLICA * replicas).map((text) => post(text));
      await Promise.all(warmUp.map((w) => w.done));
      await collectReplies(
        standIn,
        warmUp.map((w) => w.message),
        ANSWER_TIMEOUT_MS,
      );
      const before = [...proxy.forwarded];

      const burst = Array.from({ length: count }, (_, i) => post(texts[i % texts.length] ?? "?"));
      const statuses = await Promise.all(burst.map((b) => b.done));
      const replies = await collectReplies(
        standIn,
        burst.map((b) => b.message),
        ANSWER_TIMEOUT_MS,
      );
      const ms: number[] = [];
      replies.forEach((reply, i) => {
        if (reply && reply.payload.text !== messages.rateLimited) ms.push(reply.at - (burst[i]?.sentAt ?? 0));
      });
      const first = Math.min(...burst.map((b) => b.sentAt));
      const last = Math.max(...replies.map((r) => r?.at ?? 0));
      return {
        platform: "telegram" as const,
        index: index.backend,
        replicas,
        topology:
          replicas === 1
            ? "1 webhook process behind the round-robin proxy"
            : `${replicas} webhook processes behind a round-robin proxy`,
        questions: count,
        answered: ms.length,
        perSecond: (ms.length / (last - first)) * 1000,
        latency: latency(ms),
        rssMb: mains.map((m) => rssMbOf(m.child.pid ?? 0)),
        errors:
          mains.reduce((sum, m) => sum + errorLines(m.output()), 0) +
          statuses.filter((s) => s !== 200).length,
        perReplica: proxy.forwarded.map((n, i) => n - (before[i] ?? 0)),
      };
    });
  } finally {
    await proxy.close();
    await standIn.close();
  }
}

/** An /ask from user number `k` in `guild`. */
function askFrom(k: number, guild: string, question: string) {
  const interaction = inGuild(slashCommand("ask", { question }), guild);
  const asker = { ...interaction.member.user, id: String(1_400_000_000_000_000_000n + BigInt(k)) };
  return { ...interaction, member: { ...interaction.member, user: asker } };
}

/** `count` /ask from distinct users, alternately in two guilds, dispatched back to back to 1 process or N shards. */
export async function discordReplicas(
  index: Index,
  shards: number,
  texts: readonly string[],
  count: number,
): Promise<ReplicaRun> {
  const guilds = [GUILD_ID, OTHER_GUILD_ID];
  const standIn = await startStandIn({ shards, maxConcurrency: shards, guilds });
  const env = {
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_ROOT: standIn.apiRoot,
    REDIS_URL: BENCH_REDIS_URL,
    ...index.env,
    ...(shards > 1 ? { DISCORD_SHARDS: String(shards) } : {}),
  };
  try {
    return await withMains([env], async ([main]) => {
      if (!main) throw new Error("no process started");
      const connected = shards > 1 ? "every Discord shard is connected" : '"msg":"connected to Discord"';
      await until("the bot to connect", () => main.output().includes(connected), 120_000);
      let nextUser = randomInt(1, 1_000_000_000);
      const dispatch = (i: number) => {
        const interaction = askFrom(
          nextUser++,
          guilds[i % guilds.length] ?? GUILD_ID,
          texts[i % texts.length] ?? "?",
        );
        return {
          interaction,
          shard: standIn.shardOf(interaction),
          sentAt: standIn.dispatch("INTERACTION_CREATE", interaction),
        };
      };
      for (let i = 0; i < WARM_UP_PER_REPLICA * shards; i++) {
        const since = standIn.mark();
        const { interaction } = dispatch(i);
        await standIn.waitFor(editOf(interaction.token), since, ANSWER_TIMEOUT_MS);
      }

      const since = standIn.mark();
      const burst = Array.from({ length: count }, (_, i) => dispatch(i));
      const pending = new Map(burst.map((b, i) => [editOf(b.interaction.token), i]));
      const answeredAt: Array<number | undefined> = burst.map(() => undefined);
      let seen = since;
      await until(
        "every answer",
        () => {
          for (; seen < standIn.requests.length; seen++) {
            const request = standIn.requests[seen];
            if (request?.status !== 200) continue;
            for (const [isEdit, i] of pending)
              if (isEdit(request)) {
                answeredAt[i] = request.at;
                pending.delete(isEdit);
                break;
              }
          }
          return pending.size === 0;
        },
        ANSWER_TIMEOUT_MS,
      ).catch(() => undefined); // the unanswered ones are counted below
      const ms = burst.flatMap((b, i) => {
        const at = answeredAt[i];
        return at === undefined ? [] : [at - b.sentAt];
      });
      const pid = main.child.pid ?? 0;
      const pids = shards > 1 ? [pid, ...shardsOf(pid)] : [pid];
      const first = Math.min(...burst.map((b) => b.sentAt));
      const last = Math.max(...answeredAt.map((at) => at ?? 0));
      return {
        platform: "discord" as const,
        index: index.backend,
        replicas: shards,
        topology:
          shards > 1
            ? `DISCORD_SHARDS=${shards}: ShardingManager parent + ${shards} shard processes`
            : "1 process, unsharded",
        questions: count,
        answered: ms.length,
        perSecond: (ms.length / (last - first)) * 1000,
        latency: latency(ms),
        rssMb: pids.map(rssMbOf),
        errors: errorLines(main.output()),
        perReplica: Array.from({ length: shards }, (_, s) => burst.filter((b) => b.shard === s).length),
      };
    });
  } finally {
    await standIn.close();
  }
}
