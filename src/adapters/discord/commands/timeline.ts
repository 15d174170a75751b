import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { MAX_QUESTION_LENGTH } from "../../../core/types.ts";
import { prepareQuestion } from "../answer-message.ts";
import { timelineMessage } from "../compare-timeline.ts";
import { filterOptions, questionWithFilter } from "./filter-options.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/timeline [topic] [source] [since] [until]`: the events the articles report, newest first, paged. */
export default {
  data: {
    name: "timeline",
    ...describedAs(phrases.commands.timeline),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        ...describedAs(phrases.askOptions.topic),
        max_length: MAX_QUESTION_LENGTH,
      },
      ...filterOptions,
    ],
  },
  async execute(interaction, { qa }) {
    if (!interaction.isChatInputCommand()) return;
    const asked = await questionWithFilter(interaction, interaction.options.getString("topic") ?? "");
    if (asked === undefined) return;
    await interaction.deferReply();
    const page = await timelineMessage(
      qa,
      prepareQuestion(asked).question,
      0,
      languageOf(interaction.locale),
    );
    await interaction.editReply(page);
  },
} satisfies Command;
