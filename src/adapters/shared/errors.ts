import { ConfigError } from "../../core/errors.ts";

/**
 * What the log may say about an error: enough to find the cause, never the secrets platform errors can carry
 * (a Discord interaction token in a URL, a Telegram bot token in a fetch error's cause).
 */
export interface ErrorDetails {
  name: string;
  message: string;
  stack?: string;
  /** A platform's or the system's error code, e.g. Discord's 10062 "Unknown interaction", or `ECONNREFUSED`. */
  code?: unknown;
  /** HTTP status of a failed request. */
  status?: unknown;
  /** The failed request's URL, redacted. */
  url?: string;
  /** The Bot API method that failed (Telegram). */
  method?: string;
  /** The platform's own description of the failure (Telegram). */
  description?: string;
}

/** Leaves text as it is: for platforms whose errors carry no secret in their text. */
const asIs = (text: string) => text;

/**
 * A loggable summary of anything thrown: name, message, stack and the code, status and URL a request error
 * carries, every text passed through `redact`. Only these fields: an error's `cause` or request object may hold a
 * token, so it is never logged whole.
 */
export function describeError(error: unknown, redact: (text: string) => string = asIs): ErrorDetails {
  if (!(error instanceof Error)) return { name: "NonError", message: redact(String(error)) };
  const { code, status, url } = error as Error & { code?: unknown; status?: unknown; url?: unknown };
  return {
    name: error.name,
    message: redact(error.message),
    ...(error.stack ? { stack: redact(error.stack) } : {}),
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(typeof url === "string" ? { url: redact(url) } : {}),
  };
}

/** Why a bot's start-up found no way through to its platform, and what the person running it can check. */
export interface Unreachable {
  platform: "Discord" | "Telegram";
  /** The API root tried. */
  where: string;
  /** What happened, e.g. "no answer within 30 s" or the network error's message. */
  why: string;
  /** The setting that moves `where`. */
  setting: string;
}

/** The `ConfigError` for a bot that could not reach its platform: the network, or the API root setting. */
export function unreachableError({ platform, where, why, setting }: Unreachable): ConfigError {
  return new ConfigError(
    `The ${platform} bot could not reach ${where} (${why}): check the network, and ${setting} if it is set.`,
  );
}
