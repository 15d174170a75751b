import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import { NO_MENTIONS } from "../answer-message.ts";
import { addedContent } from "../news-format.ts";
import type { Command } from "./index.ts";
import { isModerator } from "./moderator.ts";

/** `/add url`: a moderator adds the article a link leads to; the reply says what was added or why not. */
export default {
  data: {
    name: "add",
    description: "Add a news article by its link (moderators)",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "url",
        description: "The article's link",
        required: true,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    if (!isModerator(interaction, news)) {
      await interaction.reply({
        content: "Only moderators can add articles.",
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    await interaction.deferReply();
    const outcome = await news.add(interaction.options.getString("url", true));
    await interaction.editReply({ content: addedContent(outcome), allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
