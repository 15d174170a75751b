import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { MAX_QUESTION_LENGTH } from "../../../core/types.ts";
import { prepareQuestion } from "../answer-message.ts";
import { comparisonMessage } from "../compare-timeline.ts";
import { hintIfBlank } from "../respond.ts";
import { filterOptions, questionWithFilter } from "./filter-options.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/compare question:<text> [source] [since] [until]`: how each outlet reported it, side by side. */
export default {
  data: {
    name: "compare",
    ...describedAs(phrases.commands.compare),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        ...describedAs(phrases.askOptions.compare),
        required: true,
        max_length: MAX_QUESTION_LENGTH,
      },
      ...filterOptions,
    ],
  },
  async execute(interaction, { qa }) {
    if (!interaction.isChatInputCommand()) return;
    const raw = interaction.options.getString("question", true);
    if (await hintIfBlank(interaction, raw)) return;
    const asked = await questionWithFilter(interaction, raw);
    if (asked === undefined) return;
    await interaction.deferReply();
    const comparison = await qa.compare(prepareQuestion(asked).question);
    await interaction.editReply(comparisonMessage(comparison, languageOf(interaction.locale)));
  },
} satisfies Command;
