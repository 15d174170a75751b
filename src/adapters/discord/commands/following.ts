import { MessageFlags } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import { languageOf, say } from "../../../core/reply-language.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/following`: the topics the user follows. */
export default {
  data: { name: "following", ...describedAs(phrases.commands.following) },
  async execute(interaction, { news }) {
    if (!news) return;
    const topics =
      (await news.subscriptions?.following({ platform: "discord", id: interaction.user.id })) ?? [];
    const phrase = topics.length > 0 ? phrases.news.following(...topics) : phrases.news.followingNone;
    await interaction.reply({
      content: say(phrase, languageOf(interaction.locale)),
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
