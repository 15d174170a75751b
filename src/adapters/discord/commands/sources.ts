import { MessageFlags } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf } from "../../../core/reply-language.ts";
import { NO_MENTIONS } from "../answer-message.ts";
import { sourcesEmbed } from "../embeds.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/sources`: the articles the bot quotes from, linked, newest first, only to the user who asked. */
export default {
  data: {
    name: "sources",
    ...describedAs(phrases.commands.sources),
  },
  async execute(interaction, { qa }) {
    await interaction.reply({
      embeds: [sourcesEmbed(await qa.articles(), languageOf(interaction.locale))],
      allowedMentions: NO_MENTIONS,
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
