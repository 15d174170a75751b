// Long because the shard manager, its IPC and its shutdown are one lifecycle; split, each part would need the others.
/**
 * The Discord bot as several shards (`DISCORD_SHARDS`): the main process becomes discord.js's `ShardingManager`,
 * which forks one process per shard running src/main.ts again; discord.js hands each child its shard id and count
 * (`SHARDS`, `SHARD_COUNT`), which its `Client` reads by itself. The parent keeps what must run once (Telegram,
 * the health and metrics port) and asks the children over IPC for what that port reports about them.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import {
  DiscordAPIError,
  REST,
  type RESTGetAPIGatewayBotResult,
  Routes,
  type Shard,
  ShardingManager,
} from "discord.js";
import type { DiscordConfig } from "../../config.ts";
import { ConfigError } from "../../core/errors.ts";
import type { IndexStats } from "../../core/index/port.ts";
import type { Logger } from "../../core/logger.ts";
import type { SemanticStatus } from "../../core/semantic/layer.ts";
import type { Article } from "../../core/types.ts";
import type { AnnouncementSender, Delivery } from "../../ingest/announcer.ts";
import { STOP_BUDGET_MS, settlesWithin } from "../shared/deadlines.ts";
import { unreachableError } from "../shared/errors.ts";
import { describeError } from "./errors.ts";
import { type IpcReply, type IpcRequest, isAdded, type Question } from "./shard-process.ts";

/** Discord lets one identify per 5 s through each of `max_concurrency` buckets; discord.js's default spacing. */
const IDENTIFY_INTERVAL_MS = 5_500;

/**
 * How long one shard may take to become ready. Its start-up loads the index first (building it, with MiniSearch
 * and no saved index, takes minutes on a large corpus); a gateway that does not answer fails the shard within its
 * own 30 s start-up deadline long before this.
 */
const SHARD_READY_TIMEOUT_MS = 15 * 60_000;

/**
 * How long a shard may take to exit after SIGTERM before it is killed: its bot's `STOP_BUDGET_MS` to finish the
 * answers in flight, and a little for closing the index and exiting.
 */
const SHARD_EXIT_MS = STOP_BUDGET_MS + 2_500;

/** How long the parent waits for a shard's answer over IPC (a health check or a scrape). */
const IPC_TIMEOUT_MS = 2_000;

/** How long the parent waits for a shard to post an announcement (Discord's rate limits may hold it a while). */
const POST_TIMEOUT_MS = 60_000;

/** What `GET /gateway/bot` says about sharding this bot. */
export interface ShardingAdvice {
  /** The shard count Discord recommends (1 per ~1,000 guilds). */
  shards: number;
  /** How many shards may identify at the same time. */
  maxConcurrency: number;
}

/**
 * Asks the configured API root (`DISCORD_API_ROOT`, or Discord's) how to shard. discord.js's own `totalShards:
 * "auto"` always asks Discord's default root, which would miss a self-hosted or stand-in API.
 */
export async function fetchShardingAdvice(config: DiscordConfig): Promise<ShardingAdvice> {
  const rest = new REST(config.apiRoot ? { api: config.apiRoot } : {}).setToken(config.token);
  try {
    const advice = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { shards: advice.shards, maxConcurrency: advice.session_start_limit.max_concurrency };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new ConfigError(
        "DISCORD_TOKEN was refused by Discord: copy it again from the Developer Portal (Bot → Reset Token).",
      );
    }
    throw unreachableError({
      platform: "Discord",
      where: config.apiRoot ?? "https://discord.com/api",
      why: describeError(error).message,
      setting: "DISCORD_API_ROOT",
    });
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/**
 * The Node flags for a shard process: tsx's loader (the children are TypeScript too) and the parent's other flags
 * (`--max-semi-space-size` and the like). The tsx command line starts the parent with its own `--require` and
 * `--import` of files inside the tsx package, which talk to that command's process; a child gets the plain
 * `--import tsx` instead.
 */
export function shardExecArgv(parentExecArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parentExecArgv.length; i += 1) {
    const flag = parentExecArgv[i] ?? "";
    const loader = /^--(require|import|loader)$/.test(flag) ? parentExecArgv[i + 1] : undefined;
    const inline = /^--(require|import|loader)=(.*)$/.exec(flag)?.[2];
    const isTsx = (value: string | undefined) => value !== undefined && /(^tsx$|[\\/]tsx[\\/])/.test(value);
    if (loader !== undefined && isTsx(loader)) i += 1;
    else if (!isTsx(inline)) kept.push(flag);
  }
  return ["--import", "tsx", ...kept];
}

/** What `createDiscordShards` needs. */
export interface DiscordShardsOptions {
  config: DiscordConfig;
  logger: Logger;
  /** The script every shard process runs (src/main.ts, which sees from its environment that it is a shard). */
  script: string;
  /** Node flags of every shard process; see `shardExecArgv`. */
  execArgv: string[];
  /** Told of each article a shard added (`/add`), for the parent's announcer. */
  onAdded?(article: Article): void;
}

/** The Discord bot's shards, each in a process of its own, from the parent's side. */
export interface DiscordShards {
  /**
   * Asks the API root how many shards to run (for `auto`) and how many may identify at once, then starts the
   * shards one after another, each once the one before is ready and the identify spacing allows; resolves when
   * all are ready, rejects with a `ConfigError` when one exits first. A shard that exits later is started again.
   */
  start(): Promise<void>;
  /**
   * Starts no more shards and sends SIGTERM to each, which then finishes its answers in flight as an unsharded bot
   * does; a shard still running after `SHARD_EXIT_MS` is killed. Later calls wait for the first.
   */
  stop(): Promise<void>;
  /** How many shards there are and how many are connected now. */
  status(): { total: number; ready: number };
  /** The index's size as shard 0 reports it. */
  stats(): Promise<IndexStats>;
  /** Every running shard's metrics (`getMetricsAsJSON()`), for the parent's `/metrics`. */
  metrics(): Promise<object[][]>;
  /**
   * Every running shard's semantic layer (undefined: off; "unknown": it did not answer within `waitMs`), for
   * `/healthz`.
   */
  semantic(waitMs: number): Promise<Array<{ shard: number; status: SemanticStatus | undefined | "unknown" }>>;
  /**
   * The parent's sender of Discord announcements: a channel's goes out through the shard holding its server (each
   * shard is asked; the others say `elsewhere`), a follower's direct message through shard 0.
   */
  announcements(): AnnouncementSender;
}

/** Creates the shards' parent side; nothing runs until `start()`. */
export function createDiscordShards(options: DiscordShardsOptions): DiscordShards {
  const { config, script, execArgv } = options;
  const log = options.logger.child({ adapter: "discord" });
  let manager: ShardingManager | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let requests = 0;
  /** The shard count, once `start` has settled it. */
  let total = 0;

  const ask = (
    shard: Shard,
    question: Question,
    args?: IpcRequest["args"],
    timeoutMs = IPC_TIMEOUT_MS,
  ): Promise<unknown> => {
    requests += 1;
    const id = requests;
    return new Promise((resolve, reject) => {
      const onMessage = (message: IpcReply) => {
        if (message?.citebot !== question || message.id !== id) return;
        done();
        if (message.error === undefined) resolve(message.result);
        else reject(new Error(`shard ${shard.id}: ${message.error}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`shard ${shard.id} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        shard.off("message", onMessage);
      };
      shard.on("message", onMessage);
      shard
        .send({ citebot: question, id, ...(args ? { args } : {}) } satisfies IpcRequest)
        .catch((error: unknown) => {
          done();
          reject(error);
        });
    });
  };

  const watch = (shard: Shard) => {
    shard.on("ready", () => log.info({ shard: shard.id }, "shard connected"));
    shard.on("message", (message: unknown) => {
      if (isAdded(message)) options.onAdded?.(message.article);
    });
    shard.on("death", (child) => {
      const { exitCode, signalCode } = child as ChildProcess;
      if (stopped) return;
      const again = shard.manager.respawn;
      log.warn(
        { shard: shard.id, exitCode, signalCode },
        again ? "shard exited; starting it again" : "shard exited",
      );
    });
    shard.on("error", (error) => log.error({ shard: shard.id, err: describeError(error) }, "shard error"));
  };

  const stopShard = async (shard: Shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    if (await settlesWithin(exited, SHARD_EXIT_MS)) return;
    log.warn({ shard: shard.id, afterMs: SHARD_EXIT_MS }, "shard did not exit; killing it");
    child.kill("SIGKILL");
    await exited;
  };

  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      if (!manager) return;
      manager.respawn = false;
      await Promise.all([...manager.shards.values()].map(stopShard));
      log.info("every Discord shard has stopped");
    })();
    return stopping;
  };

  return {
    stop,
    async start() {
      const advice = await fetchShardingAdvice(config);
      total = config.shards === "auto" || config.shards === undefined ? advice.shards : config.shards;
      // Shards i and i + max_concurrency share an identify bucket: starting them in order this far apart keeps
      // every bucket to one identify per interval.
      const spacing = Math.ceil(IDENTIFY_INTERVAL_MS / Math.max(1, advice.maxConcurrency));
      log.info(
        { shards: total, recommended: advice.shards, maxConcurrency: advice.maxConcurrency },
        "starting the Discord shards",
      );
      // The manager forwards the token to the shards through their environment (DISCORD_TOKEN, as it is here).
      const started = new ShardingManager(script, {
        totalShards: total,
        shardList: [...Array(total).keys()],
        mode: "process",
        // Off until every shard has started once: a shard that cannot start (a refused token) fails start-up
        // instead of being forked again and again. The manager reads it at each exit.
        respawn: false,
        execArgv,
        token: config.token,
      });
      manager = started;
      started.on("shardCreate", watch);
      // Not `manager.spawn()`: that goes on starting shards after a stop, which this loop does not.
      for (let id = 0; id < total && !stopped; id += 1) {
        const shard = started.createShard(id);
        const spaced = id + 1 < total ? sleep(spacing) : Promise.resolve();
        await Promise.all([shard.spawn(SHARD_READY_TIMEOUT_MS), spaced]).catch(async (error: unknown) => {
          if (stopped) return;
          await stop();
          throw new ConfigError(
            `Discord shard ${id} of ${total} did not start (${describeError(error).message}); its log above says why.`,
          );
        });
      }
      if (stopped) return;
      started.respawn = true;
      log.info({ shards: total }, "every Discord shard is connected");
    },
    status() {
      const shards = [...(manager?.shards.values() ?? [])];
      return { total, ready: shards.filter((shard) => shard.ready).length };
    },
    async stats() {
      const first = manager?.shards.get(0);
      if (!first?.ready) throw new Error("Discord shard 0 is not connected");
      return (await ask(first, "stats")) as IndexStats;
    },
    announcements: () => ({
      platform: "discord",
      async announce(channel, articles) {
        const running = [...(manager?.shards.values() ?? [])].filter((shard) => shard.process);
        const answers = await Promise.allSettled(
          running.map((shard) => ask(shard, "announce", [channel, articles], POST_TIMEOUT_MS)),
        );
        return shardsDelivery(channel, answers);
      },
      async direct(user, matches) {
        const first = manager?.shards.get(0);
        if (!first) throw new Error("Discord shard 0 is not running");
        return (await ask(first, "direct", [user, matches], POST_TIMEOUT_MS)) as Delivery;
      },
    }),
    async metrics() {
      const running = [...(manager?.shards.values() ?? [])].filter((shard) => shard.process);
      const answers = await Promise.allSettled(running.map((shard) => ask(shard, "metrics")));
      return answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value as object[]] : []));
    },
    async semantic(waitMs) {
      const running = [...(manager?.shards.values() ?? [])].filter((shard) => shard.process);
      const answers = await Promise.allSettled(
        running.map((shard) => ask(shard, "semantic", undefined, waitMs)),
      );
      return running.map((shard, i) => {
        const answer = answers[i];
        const status =
          answer?.status === "fulfilled" ? (answer.value as SemanticStatus | undefined) : "unknown";
        return { shard: shard.id, status };
      });
    },
  };
}

/**
 * What the shards' answers to one announcement come to: `sent` when a shard posted it (whatever the others said),
 * else `gone` when a shard found the channel gone, else an error, so the channel is tried again with the next
 * article: every shard failed or answered that it does not hold the server (one is still receiving its servers,
 * or the bot was removed and Discord has not said so yet).
 */
export function shardsDelivery(channel: string, answers: readonly PromiseSettledResult<unknown>[]): Delivery {
  const said = answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value] : []));
  if (said.includes("sent")) return "sent";
  if (said.includes("gone")) return "gone";
  const failed = answers.flatMap((answer) => (answer.status === "rejected" ? [String(answer.reason)] : []));
  throw new Error(
    failed.length > 0
      ? `no shard posted in channel ${channel}: ${failed.join("; ")}`
      : `no shard holds the server of channel ${channel}`,
  );
}
