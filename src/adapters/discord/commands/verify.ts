import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { NO_MENTIONS } from "../answer-message.ts";
import { verificationContent } from "../news-format.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/verify text`: is this sentence in the articles verbatim, nearly (differences marked), or not at all. */
export default {
  data: {
    name: "verify",
    ...describedAs(phrases.commands.verify),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "text",
        ...describedAs(phrases.askOptions.quote),
        required: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const result = await news.verify(interaction.options.getString("text", true));
    const content = verificationContent(result, languageOf(interaction.locale));
    await interaction.reply({ content, allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
