import { ApplicationCommandType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { NO_MENTIONS } from "../answer-message.ts";
import { verificationContent } from "../news-format.ts";
import type { Command } from "./index.ts";
import { namedAs } from "./localize.ts";

/** Message context menu "Verify quote": the selected message's text is checked against the articles. */
export default {
  data: { ...namedAs(phrases.commands.verifyMessage), type: ApplicationCommandType.Message },
  async execute(interaction, { news }) {
    if (!interaction.isMessageContextMenuCommand() || !news) return;
    const result = await news.verify(interaction.targetMessage.content);
    const content = verificationContent(result, languageOf(interaction.locale));
    await interaction.reply({ content, allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
