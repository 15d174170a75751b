import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { PAGING } from "../../../core/paging.ts";
import { MAX_QUESTION_LENGTH } from "../../../core/types.ts";
import { MAX_COUNT } from "../answer-message.ts";
import { answerInteraction, hintIfBlank } from "../respond.ts";
import { filterOptions, questionWithFilter } from "./filter-options.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/**
 * `/ask question:<text> [count:1–5] [private:true] [source:<publisher>] [since:<date>] [until:<date>]`: quotes
 * from the articles that answer the question, from those the filter options leave.
 */
export default {
  data: {
    name: "ask",
    ...describedAs(phrases.commands.ask),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        ...describedAs(phrases.askOptions.question),
        required: true,
        max_length: MAX_QUESTION_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: "count",
        ...describedAs(phrases.askOptions.count(PAGING.quotesPerPage)),
        min_value: 1,
        max_value: MAX_COUNT,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: "private",
        ...describedAs(phrases.askOptions.private),
      },
      ...filterOptions,
    ],
  },
  async execute(interaction, { qa }) {
    if (!interaction.isChatInputCommand()) return;
    const asked = interaction.options.getString("question", true);
    if (await hintIfBlank(interaction, asked)) return;
    const question = await questionWithFilter(interaction, asked);
    if (question === undefined) return;
    const count = interaction.options.getInteger("count") ?? PAGING.quotesPerPage;
    const ephemeral = interaction.options.getBoolean("private") ?? false;
    await answerInteraction(interaction, qa, { question, offset: 0, count }, { ephemeral });
  },
} satisfies Command;
