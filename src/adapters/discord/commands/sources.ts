import { MessageFlags } from "discord.js";
import { NO_MENTIONS } from "../answer-message.ts";
import { sourcesEmbed } from "../embeds.ts";
import type { Command } from "./index.ts";

/** `/sources`: the articles the bot quotes from, linked, newest first, only to the user who asked. */
export default {
  data: {
    name: "sources",
    description: "List the articles citebot quotes from",
    description_localizations: { "zh-CN": "列出 citebot 引用的文章" },
  },
  async execute(interaction, { qa }) {
    await interaction.reply({
      embeds: [sourcesEmbed(await qa.articles())],
      allowedMentions: NO_MENTIONS,
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
