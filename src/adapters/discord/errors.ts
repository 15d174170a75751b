import { DiscordjsError, DiscordjsErrorCodes } from "discord.js";
import { ConfigError } from "../../core/errors.ts";

/** What the log needs to know about an error, without the secrets that Discord errors can carry. */
export interface ErrorDetails {
  name: string;
  message: string;
  stack?: string;
  /** Discord's JSON error code, e.g. 10062 "Unknown interaction". */
  code?: unknown;
  /** HTTP status of a failed request to Discord. */
  status?: unknown;
  /** The failed request, with its interaction or webhook token replaced. */
  url?: string;
}

/**
 * Interaction and webhook tokens sit in the URLs of failed requests (and so in error messages); each one lets
 * its holder post as the bot for 15 minutes, so they never reach the log.
 */
export function redactTokens(text: string): string {
  return text.replace(/\b(interactions\/\d+|webhooks\/\d+)\/[^/?#\s]+/g, "$1/:token");
}

/** A loggable summary of anything thrown. */
export function describeError(error: unknown): ErrorDetails {
  if (!(error instanceof Error)) return { name: "NonError", message: redactTokens(String(error)) };
  const { code, status, url } = error as Error & { code?: unknown; status?: unknown; url?: unknown };
  return {
    name: error.name,
    message: redactTokens(error.message),
    ...(error.stack ? { stack: redactTokens(error.stack) } : {}),
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(typeof url === "string" ? { url: redactTokens(url) } : {}),
  };
}

/**
 * Why the bot could not log in, worded for the person running it, as a `ConfigError` because the fix is theirs:
 * a refused token, or no way through to Discord (the network, or `DISCORD_API_ROOT`).
 */
export function startupError(
  error: unknown,
  context: { apiRoot: string | undefined; timedOut: number | false },
): ConfigError {
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return new ConfigError(
      "DISCORD_TOKEN was refused by Discord: copy it again from the Developer Portal (Bot → Reset Token).",
    );
  }
  const where = context.apiRoot ?? "https://discord.com/api";
  const why = context.timedOut
    ? `no gateway session within ${context.timedOut / 1000} s`
    : describeError(error).message;
  return new ConfigError(
    `The Discord bot could not connect to ${where} (${why}): check the network, and DISCORD_API_ROOT if it is set.`,
  );
}
