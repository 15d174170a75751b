import { MessageFlags } from "discord.js";
import { help, phrases } from "../../../core/messages.ts";
import { languageOf, say } from "../../../core/reply-language.ts";
import { textMessage } from "../answer-message.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/help`: what the bot knows and how to ask, in the user's language, only to the user who asked. */
export default {
  data: {
    name: "help",
    ...describedAs(phrases.commands.help),
  },
  async execute(interaction, { qa }) {
    const text = say(help(await qa.articles()), languageOf(interaction.locale));
    await interaction.reply({ ...textMessage(text), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
