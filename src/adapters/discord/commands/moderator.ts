import { type CommandInteraction, PermissionFlagsBits } from "discord.js";
import type { News } from "../../../ingest/news.ts";

/** A moderator: Manage Messages in the channel, or a role named `MODERATOR_ROLE`. */
export function isModerator(interaction: CommandInteraction, news: News): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
  const role = news.moderatorRole;
  if (!role || !interaction.inGuild()) return false;
  const roles = interaction.member.roles;
  const ids = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return ids.some((id) => interaction.guild?.roles.cache.get(id)?.name === role);
}
