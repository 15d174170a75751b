import { ApplicationCommandOptionType } from "discord.js";
import { NO_MENTIONS } from "../answer-message.ts";
import { verificationContent } from "../news-format.ts";
import type { Command } from "./index.ts";

/** `/verify text`: is this sentence in the articles verbatim, nearly (differences marked), or not at all. */
export default {
  data: {
    name: "verify",
    description: "Check whether a quote stands in the articles, word for word",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "text",
        description: "The quote",
        required: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const result = await news.verify(interaction.options.getString("text", true));
    await interaction.reply({ content: verificationContent(result), allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
