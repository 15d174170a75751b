import { DiscordjsError, DiscordjsErrorCodes } from "discord.js";
import { ConfigError } from "../../core/errors.ts";
import { describeError as describeAnyError, type ErrorDetails, unreachableError } from "../shared/errors.ts";

/**
 * Interaction and webhook tokens sit in the URLs of failed requests (and so in error messages); each one lets
 * its holder post as the bot for 15 minutes, so they never reach the log.
 */
export function redactTokens(text: string): string {
  return text.replace(/\b(interactions\/\d+|webhooks\/\d+)\/[^/?#\s]+/g, "$1/:token");
}

/** A loggable summary of anything thrown, with interaction and webhook tokens redacted. */
export function describeError(error: unknown): ErrorDetails {
  return describeAnyError(error, redactTokens);
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
  return unreachableError({
    platform: "Discord",
    where: context.apiRoot ?? "https://discord.com/api",
    why: context.timedOut
      ? `no gateway session within ${context.timedOut / 1000} s`
      : describeError(error).message,
    setting: "DISCORD_API_ROOT",
  });
}
