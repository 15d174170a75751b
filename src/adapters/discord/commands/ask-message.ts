import { ApplicationCommandType } from "discord.js";
import { DEFAULT_COUNT } from "../answer-message.ts";
import { answerInteraction } from "../respond.ts";
import type { Command } from "./index.ts";

/** Message context menu "Ask citebot": the selected message's text is the question. */
export default {
  data: {
    name: "Ask citebot",
    name_localizations: { "zh-CN": "问 citebot" },
    type: ApplicationCommandType.Message,
  },
  async execute(interaction, { qa }) {
    if (!interaction.isMessageContextMenuCommand()) return;
    // Interactions carry the target message's text even without the privileged Message Content intent.
    const question = interaction.targetMessage.content;
    await answerInteraction(
      interaction,
      qa,
      { question, offset: 0, count: DEFAULT_COUNT },
      { ephemeral: false },
    );
  },
} satisfies Command;
