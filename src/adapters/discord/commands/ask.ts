import { ApplicationCommandOptionType } from "discord.js";
import { DEFAULT_COUNT, MAX_COUNT } from "../answer-message.ts";
import { answerInteraction } from "../respond.ts";
import type { Command } from "./index.ts";

/** The longest question the command accepts; longer questions are searched by their first 500 characters. */
export const QUESTION_MAX_LENGTH = 300;

/** `/ask question:<text> [count:1–5] [private:true]`: quotes from the articles that answer the question. */
export default {
  data: {
    name: "ask",
    description: "Ask a question; get verbatim quotes from the news articles, with sources",
    description_localizations: { "zh-CN": "提问，得到新闻原文引用及出处" },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        description: "Your question, e.g. When did Yellen visit China?",
        description_localizations: { "zh-CN": "你的问题，例如：耶伦哪天访华？" },
        required: true,
        max_length: QUESTION_MAX_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: "count",
        description: `How many quotes (default ${DEFAULT_COUNT})`,
        description_localizations: { "zh-CN": `引文数量（默认 ${DEFAULT_COUNT}）` },
        min_value: 1,
        max_value: MAX_COUNT,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: "private",
        description: "Only you see the answer",
        description_localizations: { "zh-CN": "只有你能看到回答" },
      },
    ],
  },
  async execute(interaction, { qa }) {
    if (!interaction.isChatInputCommand()) return;
    const question = interaction.options.getString("question", true);
    const count = interaction.options.getInteger("count") ?? DEFAULT_COUNT;
    const ephemeral = interaction.options.getBoolean("private") ?? false;
    await answerInteraction(interaction, qa, { question, offset: 0, count }, { ephemeral });
  },
} satisfies Command;
