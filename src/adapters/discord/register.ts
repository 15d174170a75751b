import { REST, Routes } from "discord.js";
import { commands } from "./commands/index.ts";

/** Where and as whom to register the commands. */
export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register to this guild only (instant, for testing); globally when undefined. */
  guildId: string | undefined;
  /** REST root such as a test stand-in; undefined means Discord's own. */
  apiRoot: string | undefined;
}

/**
 * Replaces the application's commands with the bot's command list (PUT, so removed commands disappear) and
 * returns how many Discord now has and where.
 */
export async function registerCommands(options: RegisterOptions): Promise<{ count: number; scope: string }> {
  const rest = new REST(options.apiRoot ? { api: options.apiRoot } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const registered = await rest.put(route, { body: commands.map((command) => command.data) });
  const scope = options.guildId
    ? `guild ${options.guildId}`
    : "all guilds (global; may take up to an hour to appear)";
  return { count: Array.isArray(registered) ? registered.length : 0, scope };
}
