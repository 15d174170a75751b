import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import type { Command } from "./index.ts";
import { isModerator } from "./moderator.ts";

/** `/announce on|off`: a moderator turns announcements of new articles in this channel on or off. */
export default {
  data: {
    name: "announce",
    description: "Announce new articles in this channel, or stop (moderators)",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "state",
        description: "on or off",
        required: true,
        choices: [
          { name: "on", value: "on" },
          { name: "off", value: "off" },
        ],
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    if (!isModerator(interaction, news))
      return void (await reply("Only moderators can turn announcements on or off."));
    if (!news.subscriptions)
      return void (await reply("Announcements are unavailable: the bot's store is not open."));
    const on = interaction.options.getString("state", true) === "on";
    await news.subscriptions.setAnnounce({ platform: "discord", id: interaction.channelId }, on);
    await reply(
      on
        ? "New articles will be announced in this channel."
        : "New articles will no longer be announced here.",
    );
  },
} satisfies Command;
