import { z } from "zod";
import { DEFAULT_BURST_MS } from "./ingest/announcer.ts";

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A whole number in a range; blank means the default (a copied .env.example leaves every value blank). */
const number = (fallback: number, min: number, max: number) =>
  optional.pipe(z.coerce.number<string | undefined>().int().min(min).max(max).default(fallback));

const url = optional.pipe(z.url({ protocol: /^https?$/ }).optional());

/**
 * The environment variables citebot reads (see `.env.example`), each with its check: what the process may be
 * given. `config.ts` turns a checked environment into the settings the program uses.
 */
export const EnvSchema = z.object({
  CORPUS_DIR: optional,
  CACHE_DIR: optional,
  CONFIG_DIR: optional,
  LOG_LEVEL: optional.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  INDEX_URL: optional.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  INDEX_SCHEMA: optional.pipe(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL name: a-z, 0-9 and _, not starting with a digit")
      .optional(),
  ),
  INDEX_SYNC: optional.pipe(z.enum(["background", "off"]).optional()),
  MAX_ARTICLE_BYTES: optional.pipe(z.coerce.number<string | undefined>().int().min(1024).optional()),

  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: url,
  TELEGRAM_WEBHOOK_URL: url,
  TELEGRAM_WEBHOOK_SECRET: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "use 1-256 characters A-Z, a-z, 0-9, _ and -")
      .optional(),
  ),
  TELEGRAM_WEBHOOK_PORT: number(8080, 1, 65535),
  TELEGRAM_WEBHOOK_HOST: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9.:_-]{1,253}$/, "an address to listen on, e.g. 127.0.0.1, ::1 or 0.0.0.0")
      .optional(),
  ),
  TELEGRAM_RATE_LIMIT: number(5, 1, 1000),

  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.pipe(
    z
      .string()
      .regex(/^\d{15,25}$/, "a numeric snowflake")
      .optional(),
  ),
  DISCORD_GUILD_ID: optional.pipe(
    z
      .string()
      .regex(/^\d{15,25}$/, "a numeric snowflake")
      .optional(),
  ),
  DISCORD_API_ROOT: url,
  DISCORD_RATE_LIMIT: number(5, 1, 1000),
  DISCORD_SHARDS: optional.pipe(
    z
      .string()
      .regex(
        /^(auto|[1-9]\d{0,4})$/,
        "auto (as many shards as Discord recommends) or a number of shards from 1",
      )
      .optional(),
  ),

  REDIS_URL: optional.pipe(z.url({ protocol: /^rediss?$/ }).optional()),

  FEEDBACK_FILE: optional,
  FEEDBACK_SALT: optional,

  EMBEDDINGS_URL: url,
  EMBEDDINGS_MODEL: optional,
  EMBEDDINGS_API_KEY: optional,
  RERANK_URL: url,
  RERANK_MODEL: optional,
  RERANK_API_KEY: optional,

  HEALTH_PORT: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),

  CONSOLE_PORT: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
  CONSOLE_HOST: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9.:_-]{1,253}$/, "an address to listen on, e.g. 127.0.0.1, ::1 or 0.0.0.0")
      .default("127.0.0.1"),
  ),
  CONSOLE_TOKEN: optional.pipe(
    z
      .string()
      .min(16, "at least 16 characters (e.g. openssl rand -hex 16): it is all that guards the console")
      .optional(),
  ),
  QUESTION_LOG: optional.pipe(z.enum(["on", "off"]).default("on")),

  MODERATORS: optional.pipe(
    z
      .string()
      .regex(/^\d{1,20}(\s*,\s*\d{1,20})*$/, "Telegram user ids separated by commas, e.g. 12345,67890")
      .optional(),
  ),
  MODERATOR_ROLE: optional,
  FETCH_ALLOW_PRIVATE: optional.pipe(z.enum(["on", "off", "true", "false", "1", "0"]).default("off")),
  FETCH_HOST_INTERVAL_MS: number(1000, 0, 600_000),
  ANNOUNCE_BURST_MS: number(DEFAULT_BURST_MS, 0, 3_600_000),
  QUESTION_LOG_DAYS: number(30, 1, 3650),
});

/** A checked environment. */
export type Environment = z.infer<typeof EnvSchema>;
