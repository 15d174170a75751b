import { MessageFlags } from "discord.js";
import { helpText, phrases } from "../../../core/messages.ts";
import { textMessage } from "../answer-message.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/help`: what the bot knows and how to ask, in Chinese and English, only to the user who asked. */
export default {
  data: {
    name: "help",
    ...describedAs(phrases.commands.help),
  },
  async execute(interaction, { qa }) {
    await interaction.reply({ ...textMessage(helpText(await qa.articles())), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
