import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { NO_MENTIONS } from "../answer-message.ts";
import { addedContent } from "../news-format.ts";
import { replyPrivately } from "../respond.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";
import { isModerator } from "./moderator.ts";

/** `/add url`: a moderator adds the article a link leads to; the reply says what was added or why not. */
export default {
  data: {
    name: "add",
    ...describedAs(phrases.commands.add),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "url",
        ...describedAs(phrases.askOptions.link),
        required: true,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const language = languageOf(interaction.locale);
    if (!isModerator(interaction, news))
      return void (await replyPrivately(interaction, phrases.news.onlyModeratorsAdd));
    await interaction.deferReply();
    const outcome = await news.add(interaction.options.getString("url", true));
    await interaction.editReply({ content: addedContent(outcome, language), allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
