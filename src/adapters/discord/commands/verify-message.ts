import { ApplicationCommandType } from "discord.js";
import { NO_MENTIONS } from "../answer-message.ts";
import { verificationContent } from "../news-format.ts";
import type { Command } from "./index.ts";

/** Message context menu "Verify quote": the selected message's text is checked against the articles. */
export default {
  data: { name: "Verify quote", type: ApplicationCommandType.Message },
  async execute(interaction, { news }) {
    if (!interaction.isMessageContextMenuCommand() || !news) return;
    const result = await news.verify(interaction.targetMessage.content);
    await interaction.reply({ content: verificationContent(result), allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
