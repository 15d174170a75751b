import { ApplicationCommandType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { PAGING } from "../../../core/paging.ts";
import { answerInteraction } from "../respond.ts";
import type { Command } from "./index.ts";
import { namedAs } from "./localize.ts";

/** Message context menu "Ask citebot": the selected message's text is the question. */
export default {
  data: {
    ...namedAs(phrases.commands.askMessage),
    type: ApplicationCommandType.Message,
  },
  async execute(interaction, { qa }) {
    if (!interaction.isMessageContextMenuCommand()) return;
    // Interactions carry the target message's text even without the privileged Message Content intent.
    const question = interaction.targetMessage.content;
    await answerInteraction(
      interaction,
      qa,
      { question, offset: 0, count: PAGING.quotesPerPage },
      { ephemeral: false },
    );
  },
} satisfies Command;
