// Long because every setting is validated here, once, with its default.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./core/errors.ts";
import { DEFAULT_SCHEMA } from "./core/index/postgres/default-schema.ts";
import type { SemanticEndpoints } from "./core/semantic/layer.ts";
import { feedbackFileIn } from "./core/setup.ts";
import { type Environment, EnvSchema } from "./environment.ts";

/** Telegram settings; present only when `TELEGRAM_BOT_TOKEN` is set. */
export interface TelegramConfig {
  token: string;
  /** Bot API server, e.g. a self-hosted one or a test stand-in; undefined means Telegram's own. */
  apiRoot: string | undefined;
  /**
   * Webhook mode when set; long polling otherwise. `host` is the address the server binds to; undefined means
   * every interface.
   */
  webhook: { url: string; secret: string; port: number; host: string | undefined } | undefined;
  /** Questions one user may ask per minute. */
  rateLimitPerMinute: number;
  /** The Redis replicas count that limit in (`REDIS_URL`); unset: each process counts on its own. */
  redisUrl?: string | undefined;
}

/** Discord settings; present only when `DISCORD_TOKEN` is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  /** Register commands to this guild (instant) instead of globally. */
  guildId: string | undefined;
  /** REST root such as `http://127.0.0.1:3000/api`; undefined means Discord's own. */
  apiRoot: string | undefined;
  /** Questions one user may ask per minute. */
  rateLimitPerMinute: number;
  /** The Redis replicas (and shards) count that limit in (`REDIS_URL`); unset: each process counts on its own. */
  redisUrl?: string | undefined;
  /**
   * `DISCORD_SHARDS`: run the bot as this many shards, one process each, under discord.js's `ShardingManager`
   * (`auto`: as many as Discord's `GET /gateway/bot` recommends); undefined means one client in this process.
   */
  shards?: number | "auto" | undefined;
}

/** Where the index lives when it is not in the process: PostgreSQL. */
export interface IndexConfig {
  /** `postgres://…` connection string. */
  url: string;
  /** Schema of the index's tables (default `citebot`). */
  schema: string;
  /**
   * Whether the bot brings the database up to date with `CORPUS_DIR` (in the background, then on every change)
   * or only reads it, as further replicas do (`off`). Default `background`.
   */
  sync: "background" | "off";
}

/** How often a feed is polled when `config/feeds.json` does not say. */
export const DEFAULT_FEED_POLL_MINUTES = 15;
/** How many of a feed's newest items its first poll adds when `config/feeds.json` does not say. */
export const DEFAULT_FEED_FIRST_ITEMS = 20;

/** `config/feeds.json`: the feeds to follow. */
const FeedsSchema = z.object({
  feeds: z
    .array(
      z
        .object({
          url: z.url({ protocol: /^https?$/ }),
          /** The publisher's name where the pages do not say it. */
          publisher: z.string().min(1).max(100).optional(),
          pollMinutes: z
            .number()
            .min(1)
            .max(7 * 24 * 60)
            .default(DEFAULT_FEED_POLL_MINUTES),
          firstItems: z.number().int().min(0).max(1000).default(DEFAULT_FEED_FIRST_ITEMS),
        })
        .strict(),
    )
    .default([]),
});

/** One feed to follow, as `config/feeds.json` lists it, defaults filled in. */
export type FeedConfig = z.infer<typeof FeedsSchema>["feeds"][number];

/** Adding articles by link and by feed, and who may (`/add`, `/announce`). */
export interface NewsConfig {
  /** `FETCH_ALLOW_PRIVATE`: fetch from loopback and private addresses too (tests, a lab). Default off. */
  allowPrivate: boolean;
  /** `FETCH_HOST_INTERVAL_MS`: least time between two requests to one site. Default 1000. */
  hostIntervalMs: number;
  /** `MODERATORS`: Telegram user ids that may add and announce anywhere (chat administrators may in their chat). */
  moderators: string[];
  /** `MODERATOR_ROLE`: a Discord role whose members may (besides those with Manage Messages). */
  moderatorRole: string | undefined;
  /** `config/feeds.json`; none when the file does not exist. */
  feeds: FeedConfig[];
  /** `ANNOUNCE_BURST_MS`: how long an announcement waits for more new articles to post with (the announcer's
   * `DEFAULT_BURST_MS`, 30 s, when not given). */
  burstMs?: number;
}

/** Reads `config/feeds.json` (none when absent). Throws `ConfigError` saying what is wrong in it. */
export function loadFeeds(configDir: string): FeedConfig[] {
  const file = path.join(configDir, "feeds.json");
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = FeedsSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`${file} is not a list of feeds:\n${lines.join("\n")}`);
  }
  return parsed.data.feeds;
}

/** The validated, frozen settings of one run. */
export interface Config {
  /** Directory of article files. */
  corpusDir: string;
  /** Where the built index is saved. */
  cacheDir: string;
  /** User-editable data: dictionary, aliases, glossary, stop words, search settings. */
  configDir: string;
  /** Article files larger than this are skipped; undefined means the core's default (2 MiB). */
  maxArticleBytes: number | undefined;
  /** Unset means: `info` for the bots, `warn` for the console chat and the command-line tools. */
  logLevel: Environment["LOG_LEVEL"];
  /** The PostgreSQL index when `INDEX_URL` is set; the in-process MiniSearch index otherwise. */
  index: IndexConfig | undefined;
  telegram: TelegramConfig | undefined;
  discord: DiscordConfig | undefined;
  /** Where 👍/👎 votes are appended, and the salt user ids are hashed with (generated and kept when unset). */
  feedback: { file: string; salt: string | undefined };
  /** The HTTP port of `/healthz` and `/metrics` (`HEALTH_PORT`); undefined means no such port. */
  health: { port: number } | undefined;
  /** The operator's web console (`CONSOLE_PORT`); undefined means none. */
  console: { port: number; host: string; token: string } | undefined;
  /** `QUESTION_LOG` (on by default) and how many days questions are kept (`QUESTION_LOG_DAYS`, 30). */
  questionLog: { enabled: boolean; days: number };
  /** Model endpoints for the opt-in semantic re-ranking; undefined when neither URL is set (words alone). */
  semantic: SemanticEndpoints | undefined;
  /** Adding articles by link and feed. */
  news: NewsConfig;
  /** Every secret value, so that the logger can scrub them from anything it writes. */
  secrets: string[];
}

/** The project's root directory (where `package.json` is). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Validates the environment once and returns typed settings.
 * Throws `ConfigError` naming each bad variable and what to do about it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid settings (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const fromRoot = (value: string | undefined, fallback: string) =>
    path.resolve(PROJECT_ROOT, value ?? fallback);

  let telegram: TelegramConfig | undefined;
  if (e.TELEGRAM_BOT_TOKEN) {
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
      throw new ConfigError(
        "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set a secret so that the webhook can reject requests that do not come from Telegram.",
      );
    }
    telegram = {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhook:
        e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
          ? {
              url: e.TELEGRAM_WEBHOOK_URL,
              secret: e.TELEGRAM_WEBHOOK_SECRET,
              port: e.TELEGRAM_WEBHOOK_PORT,
              host: e.TELEGRAM_WEBHOOK_HOST,
            }
          : undefined,
      rateLimitPerMinute: e.TELEGRAM_RATE_LIMIT,
      redisUrl: e.REDIS_URL,
    };
  }

  if (e.HEALTH_PORT !== undefined && e.HEALTH_PORT === telegram?.webhook?.port) {
    throw new ConfigError(
      `HEALTH_PORT and TELEGRAM_WEBHOOK_PORT are both ${e.HEALTH_PORT}: give the health and metrics port another number.`,
    );
  }

  if (e.CONSOLE_PORT !== undefined && !e.CONSOLE_TOKEN) {
    throw new ConfigError(
      "CONSOLE_PORT is set but CONSOLE_TOKEN is not: set a token of at least 16 characters (e.g. openssl rand -hex 16); it is what signs an operator in to the console.",
    );
  }
  if (e.CONSOLE_PORT !== undefined && [e.HEALTH_PORT, telegram?.webhook?.port].includes(e.CONSOLE_PORT)) {
    throw new ConfigError(
      `CONSOLE_PORT ${e.CONSOLE_PORT} is taken by HEALTH_PORT or TELEGRAM_WEBHOOK_PORT: give the console another port.`,
    );
  }

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN) {
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiRoot: e.DISCORD_API_ROOT,
      rateLimitPerMinute: e.DISCORD_RATE_LIMIT,
      redisUrl: e.REDIS_URL,
      shards:
        e.DISCORD_SHARDS === "auto" || e.DISCORD_SHARDS === undefined
          ? e.DISCORD_SHARDS
          : Number(e.DISCORD_SHARDS),
    };
  }

  const index: IndexConfig | undefined = e.INDEX_URL
    ? { url: e.INDEX_URL, schema: e.INDEX_SCHEMA ?? DEFAULT_SCHEMA, sync: e.INDEX_SYNC ?? "background" }
    : undefined;
  const secrets = [
    e.TELEGRAM_BOT_TOKEN,
    e.TELEGRAM_WEBHOOK_SECRET,
    e.DISCORD_TOKEN,
    e.INDEX_URL,
    e.INDEX_URL && decodeURIComponent(new URL(e.INDEX_URL).password),
    e.FEEDBACK_SALT,
    e.CONSOLE_TOKEN,
    e.REDIS_URL,
    e.REDIS_URL && decodeURIComponent(new URL(e.REDIS_URL).password),
    e.EMBEDDINGS_API_KEY,
    e.EMBEDDINGS_URL && decodeURIComponent(new URL(e.EMBEDDINGS_URL).password),
    e.RERANK_API_KEY,
    e.RERANK_URL && decodeURIComponent(new URL(e.RERANK_URL).password),
  ].filter((s): s is string => s !== undefined && s !== "");
  const cacheDir = fromRoot(e.CACHE_DIR, ".cache");
  const configDir = fromRoot(e.CONFIG_DIR, "config");
  const news: NewsConfig = {
    allowPrivate: ["on", "true", "1"].includes(e.FETCH_ALLOW_PRIVATE),
    hostIntervalMs: e.FETCH_HOST_INTERVAL_MS,
    moderators: e.MODERATORS ? e.MODERATORS.split(",").map((id) => id.trim()) : [],
    moderatorRole: e.MODERATOR_ROLE,
    feeds: loadFeeds(configDir),
    burstMs: e.ANNOUNCE_BURST_MS,
  };
  return Object.freeze({
    corpusDir: fromRoot(e.CORPUS_DIR, "seeds"),
    cacheDir,
    configDir,
    maxArticleBytes: e.MAX_ARTICLE_BYTES,
    logLevel: e.LOG_LEVEL,
    index,
    telegram,
    discord,
    feedback: {
      file: e.FEEDBACK_FILE ? fromRoot(e.FEEDBACK_FILE, "") : feedbackFileIn(cacheDir),
      salt: e.FEEDBACK_SALT,
    },
    health: e.HEALTH_PORT === undefined ? undefined : { port: e.HEALTH_PORT },
    console:
      e.CONSOLE_PORT === undefined || !e.CONSOLE_TOKEN
        ? undefined
        : { port: e.CONSOLE_PORT, host: e.CONSOLE_HOST, token: e.CONSOLE_TOKEN },
    questionLog: { enabled: e.QUESTION_LOG === "on", days: e.QUESTION_LOG_DAYS },
    semantic: semanticEndpoints(e),
    news,
    secrets,
  });
}

/**
 * `EMBEDDINGS_*` and `RERANK_*`: each URL is an API base (`http://localhost:11434/v1`) and needs its model; a
 * model or key without its URL is a mistake worth saying.
 */
function semanticEndpoints(e: Environment): SemanticEndpoints | undefined {
  const endpoint = (name: "EMBEDDINGS" | "RERANK") => {
    const url = e[`${name}_URL`];
    const model = e[`${name}_MODEL`];
    const apiKey = e[`${name}_API_KEY`];
    if (!url && (model || apiKey))
      throw new ConfigError(
        `${name}_${model ? "MODEL" : "API_KEY"} is set but ${name}_URL is not: set the API base (e.g. http://localhost:11434/v1), or unset it.`,
      );
    if (!url) return undefined;
    if (!model)
      throw new ConfigError(
        `${name}_URL is set but ${name}_MODEL is not: name the model the endpoint serves (e.g. ${name === "EMBEDDINGS" ? "bge-m3" : "BAAI/bge-reranker-v2-m3"}).`,
      );
    return { url, model, apiKey };
  };
  const embeddings = endpoint("EMBEDDINGS");
  const rerank = endpoint("RERANK");
  return embeddings || rerank ? { embeddings, rerank } : undefined;
}
