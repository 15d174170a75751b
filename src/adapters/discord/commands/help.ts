import { MessageFlags } from "discord.js";
import { helpText } from "../../../core/messages.ts";
import { textMessage } from "../answer-message.ts";
import type { Command } from "./index.ts";

/** `/help`: what the bot knows and how to ask, in Chinese and English, only to the user who asked. */
export default {
  data: {
    name: "help",
    description: "What citebot knows and how to ask",
    description_localizations: { "zh-CN": "citebot 知道什么，怎么提问" },
  },
  async execute(interaction, { qa }) {
    await interaction.reply({ ...textMessage(helpText(await qa.articles())), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
