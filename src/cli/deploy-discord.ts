/**
 * `npm run deploy:discord`: registers citebot's Discord commands, to the guild in DISCORD_GUILD_ID (instant) or
 * globally when it is unset. The bot never registers commands itself; run this after changing any of them.
 */
import "../load-env.ts";
import { registerCommands } from "../adapters/discord/register.ts";
import { loadConfig } from "../config.ts";
import { ConfigError } from "../core/errors.ts";

async function main(): Promise<void> {
  const discord = loadConfig().discord;
  if (!discord) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token).",
    );
  }
  if (!discord.applicationId) {
    throw new ConfigError(
      "DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal (General Information).",
    );
  }
  const { count, scope } = await registerCommands({ ...discord, applicationId: discord.applicationId });
  console.log(`Registered ${count} commands to ${scope}.`);
}

main().catch((error: unknown) => {
  // A ConfigError is for a person to act on; anything else (a rejected token, no network) gets its message only,
  // never a dump of the request, which carries the token in its headers.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
